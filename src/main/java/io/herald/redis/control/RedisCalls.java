package io.herald.redis.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.net.Socket;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.IntFunction;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Every command a node sends through its pool, each within one deadline: {@code herald.redis.timeout}
 * counts from the moment a request asks, over waiting for a free connection, opening one and the command.
 * A stalled Redis (it accepts connections and answers nothing) used to cost a request the pool wait, then
 * a new connection's handshake, then the command: up to 4.6 s against a documented 2 s. And once a command
 * found Redis not answering, the node knows: every call is refused at once (503) and {@link #reachable()}
 * says so (readiness, publishes) until a {@link #probe()} or the subscription's return shows Redis
 * answering again. Rejected: a pool wait setting beside the command timeout (two numbers an operator must
 * add up, and the handshake of a new connection still outside both) and a watchdog thread per command.
 */
final class RedisCalls implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisCalls.class.getName());

    private final JedisPool pool;
    private final int timeoutMillis;
    private final Duration timeout;
    /** When the calling thread's request must be answered (System.nanoTime); unset outside a call. */
    private final ThreadLocal<Long> deadline = new ThreadLocal<>();

    private volatile boolean reachable = true;

    /** {@code config} gives the client settings with connect and socket timeouts of the given milliseconds. */
    RedisCalls(HostAndPort address, IntFunction<JedisClientConfig> config, int poolSize, Duration timeout) {
        this.timeout = timeout;
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(poolSize);
        poolConfig.setMaxIdle(poolSize);
        poolConfig.setMaxWait(timeout);
        poolConfig.setJmxEnabled(false);
        this.pool = new JedisPool(poolConfig, new Sockets(address, config), config.apply(timeoutMillis));
    }

    /**
     * Runs {@code command} on a pooled connection within the deadline.
     *
     * @throws Refusal unavailable when Redis is known unreachable, does not answer in time, or fails
     */
    <T> T call(Function<Jedis, T> command) {
        if (!reachable) {
            throw unavailable();
        }
        return attempt(command);
    }

    /** Whether Redis answered the last command in time (or a probe since). */
    boolean reachable() {
        return reachable;
    }

    /** While Redis is unreachable: a PING within the deadline; an answer lets calls through again. */
    void probe() {
        if (reachable) {
            return;
        }
        try {
            attempt(Jedis::ping);
            answered();
        } catch (Refusal stillAway) {
            // the next heartbeat tries again
        }
    }

    /** The subscription is back, so Redis answers: connections from before are dead, calls may go. */
    void reconnected() {
        pool.clear();
        answered();
    }

    /**
     * Redis answered on another connection (the subscription delivered something): calls may go again
     * without waiting for the next probe, each still within its deadline.
     */
    void heard() {
        answered();
    }

    private <T> T attempt(Function<Jedis, T> command) {
        long end = System.nanoTime() + timeout.toNanos();
        deadline.set(end);
        try {
            Jedis jedis = borrow(end);
            T result;
            try {
                jedis.getConnection().setSoTimeout(Math.max(1, millisLeft(end)));
                result = command.apply(jedis);
                jedis.getConnection().setSoTimeout(timeoutMillis);
            } catch (RuntimeException | Error e) {
                // Whatever failed, a reply may be on its way or half read: on a pooled connection the next
                // call would read it as its own (a publish acknowledged with another one's answer).
                discard(jedis);
                throw failure(e);
            }
            pool.returnResource(jedis);
            return result;
        } finally {
            deadline.remove();
        }
    }

    /** What a failed command tells: only a connection that failed means Redis did not answer. */
    private RuntimeException failure(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof JedisConnectionException) {
            unanswered((Exception) e);
            return unavailable();
        }
        if (e instanceof JedisException) {
            // an error reply (a script, OOM): Redis answered
            return unavailable();
        }
        return (RuntimeException) e;
    }

    /** A pooled connection, waited for and opened within the deadline; refused when none is left in time. */
    private Jedis borrow(long end) {
        Jedis jedis;
        try {
            jedis = pool.borrowObject(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        } catch (NoSuchElementException | NoTimeLeft e) {
            // no connection freed in time: every one is busy, which alone is no sign that Redis is away
            throw busy();
        } catch (Exception e) {
            // a new connection that could not be opened or greeted in time
            unanswered(e);
            throw unavailable();
        }
        if (millisLeft(end) <= 0) {
            pool.returnResource(jedis);
            throw busy();
        }
        return jedis;
    }

    private void discard(Jedis jedis) {
        try {
            pool.returnBrokenResource(jedis);
        } catch (JedisException e) {
            // replacing it for a waiting caller failed too: that caller's own call reports it
        }
    }

    private void unanswered(Exception e) {
        if (reachable) {
            reachable = false;
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Redis did not answer within {0} ms ({1}): publishes and"
                            + " history reads are refused at once until it does",
                    String.valueOf(timeoutMillis),
                    e.toString());
        }
    }

    private void answered() {
        if (!reachable) {
            reachable = true;
            LOG.log(System.Logger.Level.INFO, "Redis answers again");
        }
    }

    private static int millisLeft(long end) {
        return (int) Math.min(Integer.MAX_VALUE, (end - System.nanoTime()) / 1_000_000);
    }

    private static Refusal busy() {
        return new Refusal(ErrorCode.UNAVAILABLE, "Redis is busy; retry later");
    }

    private static Refusal unavailable() {
        return new Refusal(ErrorCode.UNAVAILABLE, "Redis is unreachable; retry later");
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A call's deadline passed before a connection could be opened for it: Redis was not even asked. */
    private static final class NoTimeLeft extends JedisConnectionException {

        NoTimeLeft() {
            super("no time left to connect to Redis");
        }
    }

    /**
     * Opens the pool's connections with what is left of the deadline of the call that needs one, as connect
     * and read timeout of the connection's handshake (AUTH, SELECT, CLIENT SETNAME). Without a call (the
     * pool's own upkeep) the full timeout.
     */
    private final class Sockets implements JedisSocketFactory {

        private final HostAndPort address;
        private final IntFunction<JedisClientConfig> config;

        Sockets(HostAndPort address, IntFunction<JedisClientConfig> config) {
            this.address = address;
            this.config = config;
        }

        @Override
        public Socket createSocket() {
            Long end = deadline.get();
            int millis = end == null ? timeoutMillis : Math.min(timeoutMillis, millisLeft(end));
            if (millis <= 0) {
                throw new NoTimeLeft();
            }
            return new DefaultJedisSocketFactory(address, config.apply(millis)).createSocket();
        }
    }
}
