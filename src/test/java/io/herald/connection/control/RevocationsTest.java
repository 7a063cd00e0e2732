package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.channel.control.Namespaces;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Devices;
import io.herald.security.control.MemoryDevices;
import io.herald.security.entity.Device;
import io.herald.security.entity.Identity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A revoked or replaced device token ends the connections that use it (4509), and only those. */
class RevocationsTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private final Limits limits = new Limits(65536, 8, 1_000_000, 65536, Duration.ofHours(1), Duration.ofHours(1), 10);
    /** The connections' hub, on a single-node broker: these tests subscribe to nothing. */
    private final Hub hub =
            new Hub(new MemoryBroker(new Namespaces(Map.of(), 255), Duration.ofMinutes(5), 100, Clock.systemUTC()));

    private final Connections connections = UnlimitedConnections.of(limits, hub);
    private final MemoryDevices devices = new MemoryDevices();
    private final Revocations revocations = new Revocations(connections, devices);
    private final Device lobby = new Device("lobby-1", Set.of("displays"), T0);
    private final Device kitchen = new Device("kitchen", Set.of("displays"), T0);

    private RecordingTransport connect(Identity identity) {
        RecordingTransport transport = RecordingTransport.immediate();
        connections.open(transport, identity, null);
        return transport;
    }

    @Test
    void revokingADeviceClosesItsConnectionsWith4509AndNoOneElses() {
        devices.save(lobby, "l");
        devices.save(kitchen, "k");
        RecordingTransport first = connect(Identity.of(lobby));
        RecordingTransport second = connect(Identity.of(lobby));
        RecordingTransport other = connect(Identity.of(kitchen));
        RecordingTransport lookalike = connect(new Identity("device:lobby-1", Set.of("displays"), false, null));
        devices.remove("lobby-1");
        revocations.changed("lobby-1");
        assertEquals(List.of(Close.REVOKED), first.closes);
        assertEquals(List.of(Close.REVOKED), second.closes);
        assertEquals(List.of(), other.closes);
        assertEquals(List.of(), lookalike.closes, "a user whose sub reads like the device's is not the device");
        assertEquals(2, connections.size());
        assertEquals(4509, Close.REVOKED.code());
    }

    @Test
    void theRecheckFindsDevicesChangedElsewhereIncludingANewToken() {
        devices.save(lobby, "l");
        devices.save(kitchen, "k");
        RecordingTransport old = connect(Identity.of(lobby));
        RecordingTransport gone = connect(Identity.of(kitchen));
        Device rotated = new Device("lobby-1", Set.of("displays"), T0.plusSeconds(1));
        // another node rotated lobby-1 and revoked kitchen: this node was not told
        devices.save(rotated, "l2");
        devices.remove("kitchen");
        RecordingTransport fresh = connect(Identity.of(rotated));
        revocations.recheck();
        assertEquals(List.of(Close.REVOKED), old.closes);
        assertEquals(List.of(Close.REVOKED), gone.closes);
        assertEquals(List.of(), fresh.closes, "the connection with the new token stays");
        assertEquals(Set.of("lobby-1"), connections.devices());
    }

    @Test
    void aStoreThatCannotAnswerClosesNothing() {
        RecordingTransport live = connect(Identity.of(lobby));
        Revocations blind = new Revocations(connections, new Devices() {
            @Override
            public void save(Device device, String tokenHash) {
                throw unavailable();
            }

            @Override
            public Optional<Device> find(String id) {
                throw unavailable();
            }

            @Override
            public Optional<Device> byToken(String tokenHash) {
                throw unavailable();
            }

            @Override
            public List<Device> all() {
                throw unavailable();
            }

            @Override
            public boolean remove(String id) {
                throw unavailable();
            }
        });
        blind.recheck();
        assertEquals(List.of(), live.closes, "an unknown answer is not a revocation");
    }

    /** What the Redis store throws when Redis is away (RedisDevicesTest shows it with a real Redis). */
    private static Refusal unavailable() {
        return new Refusal(ErrorCode.UNAVAILABLE, "Redis is unreachable; retry later");
    }
}
