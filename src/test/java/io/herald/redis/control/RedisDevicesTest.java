package io.herald.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.it.support.TestRedis;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.DeviceCredentials;
import io.herald.security.control.Devices;
import io.herald.security.control.DevicesContract;
import io.herald.security.entity.Device;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** The device store contract against a real redis-server, plus what only Redis can show: what is stored. */
class RedisDevicesTest extends DevicesContract {

    private TestRedis redis;
    private JedisPool pool;
    private final List<RedisCalls> nodes = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = new TestRedis();
        pool = new JedisPool(redis.url().getHost(), redis.url().getPort());
    }

    @AfterEach
    void stop() {
        nodes.forEach(RedisCalls::close);
        pool.close();
        redis.close();
    }

    @Override
    protected Devices devices() {
        return new RedisDevices(node(), new Keys("herald:"));
    }

    /** One node's commands to the test Redis. */
    private RedisCalls node() {
        RedisCalls calls = new RedisCalls(
                new HostAndPort(redis.url().getHost(), redis.url().getPort()),
                millis -> DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(millis)
                        .socketTimeoutMillis(millis)
                        .build(),
                4,
                Duration.ofSeconds(2));
        nodes.add(calls);
        return calls;
    }

    @Test
    void twoNodesShareTheRecordsAndOnlyHashesAreStored() {
        Devices nodeA = devices();
        Devices nodeB = new RedisDevices(node(), new Keys("herald:"));
        Device lobby = new Device("lobby-1", Set.of("displays"), Instant.parse("2026-01-05T08:00:00Z"));
        nodeA.save(lobby, "5e88489");
        assertEquals(Optional.of(lobby), nodeB.byToken("5e88489"));
        try (Jedis jedis = pool.getResource()) {
            assertEquals(
                    new TreeSet<>(Set.of(
                            "herald:{devices}:device:lobby-1",
                            "herald:{devices}:token:5e88489",
                            "herald:{devices}:ids")),
                    new TreeSet<>(jedis.keys("*")));
            assertEquals("5e88489", jedis.hget("herald:{devices}:device:lobby-1", "token"));
        }
        nodeB.remove("lobby-1");
        try (Jedis jedis = pool.getResource()) {
            assertEquals(Set.of(), jedis.keys("*"), "a revoked device leaves nothing behind");
        }
    }

    @Test
    void withoutRedisATokenIsUnavailableNotUnknown() {
        DeviceCredentials credentials = new DeviceCredentials(devices(), Meters.none());
        redis.stop();
        try {
            Refusal refusal = assertThrows(Refusal.class, () -> credentials.identify(DeviceCredentials.newToken()));
            assertEquals(ErrorCode.UNAVAILABLE, refusal.code(), "an unknown answer is neither valid nor revoked");
        } finally {
            redis.start();
        }
    }
}
