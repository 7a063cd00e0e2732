package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.metrics.control.Meters;
import io.herald.platform.Backlog;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.QuotaRoom;
import io.herald.security.control.Quotas;
import io.herald.security.entity.Identity;
import io.herald.security.entity.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connections: quotas per user and address, frame rate per connection")
class ConnectionLimitsTest {

    private static final Duration LONG = Duration.ofHours(1);
    private static final Identity ALICE = new Identity("alice", Set.of(), false, null);

    private final Limits limits = new Limits(65536, 8, 1_000_000, 65536, LONG, LONG, 100);
    private final Quotas quotas = new Quotas(2, 3);
    /** The connections' hub, on a single-node broker: these tests subscribe to nothing. */
    private final Hub hub =
            new Hub(new MemoryBroker(new Namespaces(Map.of(), 255), Duration.ofMinutes(5), 100, Clock.systemUTC()));
    /** One frame an hour after a burst of 2: nothing refills during a test. */
    private final Connections connections = new Connections(
            limits,
            hub,
            new Backlog(Runnable::run, Long.MAX_VALUE, Duration.ofDays(1)),
            Meters.none(),
            Duration.ZERO,
            quotas,
            new RateLimit(1, 2, LONG, 3));

    @Test
    void theUsersConnectionBeyondItsQuotaIsClosedWithTooManyConnections() {
        connections.open(RecordingTransport.immediate(), ALICE, "10.0.0.1");
        connections.open(RecordingTransport.immediate(), ALICE, "10.0.0.2");
        RecordingTransport extra = RecordingTransport.immediate();

        assertNull(connections.open(extra, ALICE, "10.0.0.3"));

        assertEquals(List.of(Close.TOO_MANY_CONNECTIONS), extra.closes);
        assertEquals(2, connections.size());
    }

    @Test
    void streamsCountTooAndAreRefusedWithAnError() {
        connections.open(RecordingTransport.immediate(), ALICE, "10.0.0.1");
        connections.listen(RecordingTransport.immediate(), ALICE, "10.0.0.1");
        RecordingTransport extra = RecordingTransport.immediate();

        Refusal refusal = assertThrows(Refusal.class, () -> connections.listen(extra, ALICE, "10.0.0.1"));

        assertEquals(ErrorCode.TOO_MANY_CONNECTIONS, refusal.code());
        assertEquals(429, refusal.code().httpStatus());
        assertEquals(List.of(), extra.writes, "nothing was written before the refusal");
    }

    @Test
    void anonymousConnectionsCountPerAddress() {
        for (int i = 0; i < 3; i++) {
            assertNotNull(connections.open(RecordingTransport.immediate(), Identity.ANONYMOUS, "10.0.0.9"));
        }
        assertNull(connections.open(RecordingTransport.immediate(), Identity.ANONYMOUS, "10.0.0.9"));
        assertNotNull(connections.open(RecordingTransport.immediate(), Identity.ANONYMOUS, "10.0.0.10"));
    }

    @Test
    void everyWayAConnectionEndsGivesItsSlotBack() {
        Connection byClient = connections.open(RecordingTransport.immediate(), ALICE, "10.0.0.1");
        Connection byServer = connections.open(RecordingTransport.immediate(), ALICE, "10.0.0.1");
        connections.closed(byClient, "client");
        connections.close(byServer, Close.SLOW_CONSUMER);
        connections.closed(byServer, "abnormal");
        assertEquals(2, QuotaRoom.forUser(quotas, "alice"));
        assertEquals(3, QuotaRoom.atAddress(quotas, "10.0.0.1"), "closed twice, given back once");

        Connection idle = connections.open(RecordingTransport.immediate(), ALICE, "10.0.0.1");
        Connection lost = connections.open(RecordingTransport.immediate(), ALICE, "10.0.0.1");
        lost.lost(null);
        Connections strict = new Connections(
                new Limits(65536, 8, 1_000_000, 65536, LONG, Duration.ZERO, 100),
                hub,
                new Backlog(Runnable::run, Long.MAX_VALUE, Duration.ofDays(1)),
                Meters.none(),
                Duration.ZERO,
                quotas,
                RateLimit.UNLIMITED);
        Connection timedOut = strict.open(RecordingTransport.immediate(), Identity.ANONYMOUS, "10.0.0.1");
        long start = System.nanoTime();
        while (System.nanoTime() == start) {
            Thread.onSpinWait();
        }
        strict.tick();
        assertTrue(timedOut.isClosed());
        connections.shutdown();
        assertTrue(idle.isClosed());
        assertEquals(2, QuotaRoom.forUser(quotas, "alice"));
        assertEquals(3, QuotaRoom.atAddress(quotas, "10.0.0.1"));
    }

    @Test
    void framesBeyondTheRateAreAnsweredWithRateLimitedAndAPersistentSenderIsClosed() {
        RecordingTransport transport = RecordingTransport.immediate();
        Connection connection = connections.open(transport, ALICE, "10.0.0.1");
        transport.writes.clear();

        assertTrue(connections.admit(connection));
        assertTrue(connections.admit(connection));
        assertFalse(connections.admit(connection));
        assertFalse(connections.admit(connection));
        assertEquals(2, transport.writes.size());
        assertTrue(
                transport.frames().get(0).contains("\"code\":\"rate_limited\""),
                transport.frames().get(0));
        assertEquals(List.of(), transport.closes);

        assertFalse(connections.admit(connection));

        assertEquals(List.of(Close.RATE_LIMITED), transport.closes);
        assertEquals(4008, Close.RATE_LIMITED.code());
        assertEquals(2, QuotaRoom.forUser(quotas, "alice"));
    }
}
