package io.herald.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.TestRedis;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/** Commands against a real redis-server that stalls (SIGSTOP) or answers out of turn. */
class RedisCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private TestRedis redis;
    private RedisCalls calls;

    @BeforeEach
    void start() {
        redis = new TestRedis();
        calls = new RedisCalls(
                new HostAndPort(redis.url().getHost(), redis.url().getPort()),
                millis -> DefaultJedisClientConfig.builder()
                        .clientName("herald")
                        .connectionTimeoutMillis(millis)
                        .socketTimeoutMillis(millis)
                        .build(),
                2,
                TIMEOUT);
    }

    @AfterEach
    void stop() {
        calls.close();
        redis.close();
    }

    @Test
    void aStalledRedisIsRefusedAsUnavailableAndKnownAwayUntilAProbeFindsItAnswering() throws Exception {
        for (int i = 0; i < 2; i++) {
            long n = calls.call(jedis -> jedis.incr("n"));
            assertEquals(i + 1L, n);
        }
        redis.pause();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> waits = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // two on the pooled connections, six waiting for one, some opening a new one; how long each
                // waits is RedisStallIT's to measure, over the wire
                waits.add(callers.submit(() -> refused(() -> calls.call(jedis -> jedis.incr("n")))));
            }
            for (Future<?> wait : waits) {
                wait.get();
            }
        } finally {
            callers.shutdownNow();
        }
        assertFalse(calls.reachable(), "the node knows Redis does not answer");
        refused(() -> calls.call(jedis -> jedis.incr("n")));
        calls.probe();
        assertFalse(calls.reachable(), "a probe that is not answered changes nothing");

        redis.resume();
        calls.probe();
        assertTrue(calls.reachable());
        // the increments sent during the stall were carried out when Redis went on: 503 is no proof of "not done"
        long after = calls.call(jedis -> jedis.incr("n"));
        assertTrue(after >= 3, "counter after the stall: " + after);
    }

    @Test
    void anErrorReplyIsNoSignThatRedisIsAway() {
        Refusal refused =
                assertThrows(Refusal.class, () -> calls.call(jedis -> jedis.eval("return redis.call('nope')")));
        assertEquals(ErrorCode.UNAVAILABLE, refused.code());
        assertTrue(calls.reachable());
        assertEquals("PONG", calls.call(jedis -> jedis.ping()));
    }

    /**
     * A call that fails after its command went out, before its reply was read, must not hand that reply to
     * the next call on the same connection: a publish would be "acknowledged" with someone else's answer.
     */
    @ParameterizedTest
    @ValueSource(strings = {"runtime", "jedis"})
    void aCallThatFailsBeforeReadingItsReplyLeavesNoReplyForTheNextCall(String failure) {
        assertEquals("PONG", calls.call(jedis -> jedis.ping()));
        assertThrows(
                RuntimeException.class,
                () -> calls.call(jedis -> {
                    jedis.getConnection().sendCommand(Protocol.Command.ECHO, "the earlier call's");
                    throw "jedis".equals(failure) ? new JedisException("failed") : new IllegalStateException("failed");
                }));
        assertEquals("the later call's", calls.call(jedis -> jedis.echo("the later call's")));
        assertEquals("PONG", calls.call(jedis -> jedis.ping()));
    }

    @Test
    void aStoppedRedisIsRefusedAtOnceAfterTheFirstFailureAndCallsResumeWhenItIsBack() {
        redis.stop();
        assertThrows(Refusal.class, () -> calls.call(jedis -> jedis.ping()));
        assertFalse(calls.reachable());
        redis.start();
        calls.probe();
        assertEquals("PONG", calls.call(jedis -> jedis.ping()));
    }

    /** {@code call} must be refused as unavailable. */
    private static void refused(Runnable call) {
        Refusal refusal = assertThrows(Refusal.class, call::run);
        assertEquals(ErrorCode.UNAVAILABLE, refusal.code());
    }
}
