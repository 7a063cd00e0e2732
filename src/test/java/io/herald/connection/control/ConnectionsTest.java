package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.OpenNamespace;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.delivery.control.Publisher;
import io.herald.metrics.control.Meters;
import io.herald.security.control.Tickets;
import io.herald.security.entity.Identity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connections")
class ConnectionsTest {

    private static final Duration LONG = Duration.ofHours(1);

    private final Namespaces namespaces =
            new Namespaces(Map.of("demo", OpenNamespace.of("demo", 10, Duration.ofMinutes(5), true)), 255);
    private final MemoryBroker broker = new MemoryBroker(namespaces, Duration.ofMinutes(5), 100, Clock.systemUTC());
    private final Hub hub = new Hub(broker);

    private static Limits limits(Duration heartbeat, Duration idle, long outboxMaxBytes, int maxConnections) {
        return new Limits(65536, 8, outboxMaxBytes, 65536, heartbeat, idle, maxConnections);
    }

    private Connections connections(Limits limits) {
        return UnlimitedConnections.of(limits, hub);
    }

    private Commands commands(Limits limits) {
        return new Commands(
                namespaces,
                hub,
                broker,
                new Publisher(namespaces, broker, 1024, 64, () -> false),
                limits,
                Meters.none(),
                new Tickets(Duration.ofSeconds(30), System::nanoTime)::redeem);
    }

    /** Returns once System.nanoTime() has moved past its value at the call. */
    private static void letTimePass() {
        long start = System.nanoTime();
        while (System.nanoTime() == start) {
            Thread.onSpinWait();
        }
    }

    @Test
    void tickClosesAConnectionNotHeardFromWithinTheIdleTimeout() {
        Limits limits = limits(LONG, Duration.ZERO, 1_000_000, 10);
        Connections connections = connections(limits);
        RecordingTransport transport = RecordingTransport.immediate();
        Connection connection = connections.open(transport, Identity.ANONYMOUS, null);
        commands(limits).handle(connection, "{\"type\":\"subscribe\",\"channel\":\"demo:room\"}");
        letTimePass();

        connections.tick();

        assertEquals(List.of(Close.IDLE_TIMEOUT), transport.closes);
        assertEquals(0, connections.size());
        assertEquals(0, hub.subscriptions());
    }

    @Test
    void tickKeepsAConnectionHeardFromWithinTheIdleTimeout() {
        Connections connections = connections(limits(LONG, LONG, 1_000_000, 10));
        RecordingTransport transport = RecordingTransport.immediate();
        connections.open(transport, Identity.ANONYMOUS, null);

        connections.tick();

        assertEquals(List.of(), transport.closes);
        assertEquals(1, connections.size());
    }

    @Test
    void tickSendsAPingWhenTheHeartbeatIsDue() {
        Connections connections = connections(limits(Duration.ZERO, LONG, 1_000_000, 10));
        RecordingTransport transport = RecordingTransport.immediate();
        connections.open(transport, Identity.ANONYMOUS, null);
        transport.next();

        connections.tick();

        assertEquals(List.of(List.of("{\"type\":\"ping\"}")), transport.writes.subList(1, transport.writes.size()));
        assertEquals(List.of(), transport.closes);
    }

    @Test
    void tickSendsNoPingBeforeTheHeartbeatIsDue() {
        Connections connections = connections(limits(LONG, LONG, 1_000_000, 10));
        RecordingTransport transport = RecordingTransport.immediate();
        connections.open(transport, Identity.ANONYMOUS, null);
        transport.next();

        connections.tick();

        assertEquals(List.of(), transport.next());
    }

    @Test
    void refusesConnectionsBeyondTheMaximum() {
        Connections connections = connections(limits(LONG, LONG, 1_000_000, 1));
        connections.open(RecordingTransport.immediate(), Identity.ANONYMOUS, null);
        RecordingTransport second = RecordingTransport.immediate();

        assertNull(connections.open(second, Identity.ANONYMOUS, null));
        assertEquals(List.of(Close.TOO_MANY_CONNECTIONS), second.closes);
        assertEquals(List.of(), second.writes);
        assertEquals(1, connections.size());
    }

    @Test
    void closesASlowConsumerOnceItsOutboxOverflows() {
        Limits limits = limits(LONG, LONG, 200, 10);
        Connections connections = connections(limits);
        Commands commands = commands(limits);
        RecordingTransport stalled = RecordingTransport.manual();
        Connection connection = connections.open(stalled, Identity.ANONYMOUS, null);

        for (int i = 0; i < 20; i++) {
            commands.handle(connection, "{\"type\":\"ping\"}");
        }

        assertEquals(List.of(Close.SLOW_CONSUMER), stalled.closes);
        assertEquals(0, connections.size());
        assertEquals(1, stalled.writes.size(), "only the connected frame was ever written");
    }

    @Test
    void closesAConnectionWhoseWriteFailed() {
        Connections connections = connections(limits(LONG, LONG, 1_000_000, 10));
        RecordingTransport broken = RecordingTransport.manual();
        connections.open(broken, Identity.ANONYMOUS, null);

        broken.fail(new IOException("connection reset"));

        assertEquals(List.of(Close.WRITE_FAILED), broken.closes);
        assertEquals(0, connections.size());
    }

    @Test
    void closesOnlyOnceAndNotAtAllWhenTheTransportReportedItClosed() {
        Connections connections = connections(limits(LONG, LONG, 1_000_000, 10));
        RecordingTransport first = RecordingTransport.immediate();
        RecordingTransport second = RecordingTransport.immediate();
        Connection one = connections.open(first, Identity.ANONYMOUS, null);
        Connection two = connections.open(second, Identity.ANONYMOUS, null);

        connections.close(one, Close.BAD_REQUEST);
        connections.close(one, Close.IDLE_TIMEOUT);
        connections.closed(two, "client_closed");
        connections.close(two, Close.IDLE_TIMEOUT);

        assertEquals(List.of(Close.BAD_REQUEST), first.closes);
        assertEquals(List.of(), second.closes);
        assertEquals(0, connections.size());
    }

    @Test
    void shutdownClosesEveryConnectionAndRefusesNewOnes() {
        Connections connections = connections(limits(LONG, LONG, 1_000_000, 10));
        RecordingTransport open = RecordingTransport.immediate();
        connections.open(open, Identity.ANONYMOUS, null);

        connections.shutdown();
        RecordingTransport late = RecordingTransport.immediate();

        assertEquals(List.of(Close.SHUTDOWN), open.closes);
        assertNull(connections.open(late, Identity.ANONYMOUS, null));
        assertEquals(List.of(Close.SHUTDOWN), late.closes);
        assertEquals(0, connections.size());
    }
}
