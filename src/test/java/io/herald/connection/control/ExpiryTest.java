package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.OpenNamespace;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.delivery.control.Publisher;
import io.herald.delivery.entity.Frame;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A connection lives as long as its credential: closed with 4007 after exp + skew, unless refreshed. */
class ExpiryTest {

    private final Namespaces namespaces =
            new Namespaces(Map.of("demo", OpenNamespace.of("demo", 10, Duration.ofMinutes(5), true)), 255);
    private final MemoryBroker broker = new MemoryBroker(namespaces, Duration.ofMinutes(5), 100, Clock.systemUTC());
    private final Hub hub = new Hub(broker);
    private final Limits limits = new Limits(65536, 8, 1_000_000, 65536, Duration.ofHours(1), Duration.ofHours(1), 10);
    private final Connections connections = UnlimitedConnections.of(limits, hub);
    private final Identity fresh =
            new Identity("erin", Set.of(), false, Instant.now().plusSeconds(3600));

    private Commands commands(Identity refreshed) {
        return new Commands(
                namespaces,
                hub,
                broker,
                new Publisher(namespaces, broker, 1024, 64, () -> false),
                limits,
                Meters.none(),
                ticket -> {
                    if (!"t-1".equals(ticket)) {
                        throw new Refusal(ErrorCode.UNAUTHENTICATED, "unknown ticket");
                    }
                    return refreshed;
                });
    }

    @Test
    void anExpiredCredentialClosesTheConnectionWith4007AndStopsDelivery() {
        RecordingTransport transport = RecordingTransport.immediate();
        Connection connection = connections.open(
                transport, new Identity("dave", Set.of(), false, Instant.now().minusSeconds(1)), null);
        int before = transport.frames().size();
        connection.send(new Frame("{\"type\":\"publication\"}"), 0);
        assertEquals(before, transport.frames().size(), "nothing is delivered after the expiry");
        connections.tick();
        assertEquals(List.of(Close.TOKEN_EXPIRED), transport.closes);
        assertEquals(4007, Close.TOKEN_EXPIRED.code());
    }

    @Test
    void aRefreshForTheSameSubjectMovesTheExpiry() {
        RecordingTransport transport = RecordingTransport.immediate();
        Connection connection = connections.open(
                transport, new Identity("erin", Set.of(), false, Instant.now().plusMillis(1)), null);
        commands(fresh).handle(connection, "{\"type\":\"refresh\",\"ticket\":\"t-1\",\"ref\":1}");
        assertTrue(transport.frames().get(transport.frames().size() - 1).contains("\"type\":\"refreshed\""));
        connections.tick();
        assertEquals(List.of(), transport.closes);
        assertEquals(fresh, connection.identity());
    }

    @Test
    void aRefreshForAnotherSubjectOrWithABadTicketIsRefusedAndTheConnectionStays() {
        RecordingTransport transport = RecordingTransport.immediate();
        Identity dave = new Identity("dave", Set.of(), false, Instant.now().plusSeconds(60));
        Connection connection = connections.open(transport, dave, null);
        commands(fresh).handle(connection, "{\"type\":\"refresh\",\"ticket\":\"t-1\",\"ref\":1}");
        assertTrue(transport.frames().get(transport.frames().size() - 1).contains("\"code\":\"forbidden\""));
        commands(fresh).handle(connection, "{\"type\":\"refresh\",\"ticket\":\"nope\",\"ref\":2}");
        assertTrue(transport.frames().get(transport.frames().size() - 1).contains("\"code\":\"unauthenticated\""));
        assertEquals(dave, connection.identity());
        assertEquals(List.of(), transport.closes);
    }

    @Test
    void aRefreshNeverTurnsAUserIntoADeviceOrBack() {
        Identity device = Identity.of(new Device("lobby-1", Set.of(), Instant.EPOCH));
        Identity lookalike =
                new Identity("device:lobby-1", Set.of(), false, Instant.now().plusSeconds(60));
        for (Identity[] pair : new Identity[][] {{lookalike, device}, {device, lookalike}}) {
            RecordingTransport transport = RecordingTransport.immediate();
            Connection connection = connections.open(transport, pair[0], null);
            commands(pair[1]).handle(connection, "{\"type\":\"refresh\",\"ticket\":\"t-1\",\"ref\":1}");
            assertTrue(transport.frames().get(transport.frames().size() - 1).contains("\"code\":\"forbidden\""));
            assertEquals(pair[0], connection.identity());
        }
    }
}
