package io.herald.connection.control;

import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Subscription;
import io.herald.delivery.entity.Frame;
import io.herald.metrics.control.Meters;
import io.herald.platform.Backlog;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Quotas;
import io.herald.security.control.TokenBucket;
import io.herald.security.entity.Identity;
import io.herald.security.entity.RateLimit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The open connections of this node: opening and closing them, heartbeats, idle timeouts, shutdown.
 */
public final class Connections {

    private static final System.Logger LOG = System.getLogger(Connections.class.getName());

    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byTransport = new ConcurrentHashMap<>();
    private final Limits limits;
    private final Hub hub;
    private final Backlog writers;
    private final Meters meters;
    private final long clockSkewMillis;
    private final Quotas quotas;
    private final RateLimit rate;
    private final Frame rateLimited;
    private volatile boolean shuttingDown;

    /**
     * {@code clockSkew}: how long after its credential's {@code exp} a connection is closed; {@code quotas}:
     * connections per user and address; {@code rate}: the frame budget of each connection.
     */
    public Connections(
            Limits limits,
            Hub hub,
            Backlog writers,
            Meters meters,
            java.time.Duration clockSkew,
            Quotas quotas,
            RateLimit rate) {
        this.quotas = quotas;
        this.rate = rate;
        // built once: a flood must cost as little as possible per refused frame
        this.rateLimited = Frames.error(
                null,
                new Refusal(
                        ErrorCode.RATE_LIMITED,
                        "at most " + rate.limit() + " frames per " + rate.window() + "; this one was not handled"));
        this.clockSkewMillis = clockSkew.toMillis();
        this.limits = limits;
        this.hub = hub;
        this.writers = writers;
        this.meters = meters;
        meters.gauge(
                "herald.subscriptions.active", "Channel subscriptions of the clients on this node", hub::subscriptions);
    }

    /**
     * Registers a connection from remote {@code address} (null: unknown), counted against its quotas;
     * returns null (after closing the transport) when it may not open.
     */
    public Connection open(Transport transport, Identity identity, String address) {
        Connection connection = register(transport, identity, false, address);
        if (connection != null) {
            connection.send(Frames.connected(connection.id(), limits.heartbeatInterval(), limits.idleTimeout()), 0);
        }
        return connection;
    }

    /**
     * Registers a one-way connection (SSE): no {@code connected} frame, no idle timeout.
     *
     * @throws Refusal unavailable when the node is full or shutting down, too_many_connections when the
     *                user or the address has its quota open, before anything was sent
     */
    public Connection listen(Transport transport, Identity identity, String address) {
        if (shuttingDown || open.size() >= limits.maxConnections()) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "this node takes no more connections now; retry later");
        }
        Connection connection = register(transport, identity, true, address);
        if (connection == null) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "this node takes no more connections now; retry later");
        }
        return connection;
    }

    private Connection register(Transport transport, Identity identity, boolean listener, String address) {
        if (shuttingDown) {
            transport.close(Close.SHUTDOWN);
            return null;
        }
        if (open.size() >= limits.maxConnections()) {
            meters.disconnected(Close.TOO_MANY_CONNECTIONS.reason());
            transport.close(Close.TOO_MANY_CONNECTIONS);
            return null;
        }
        Connection connection = new Connection(
                UUID.randomUUID().toString(),
                identity,
                transport,
                listener,
                address,
                rate.unlimited() ? null : new TokenBucket(rate, System::nanoTime));
        Quotas.Exceeded exceeded = quotas.acquire(connection.quotaSubject(), address);
        if (exceeded != Quotas.Exceeded.NONE) {
            meters.violation(ErrorCode.TOO_MANY_CONNECTIONS.code());
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "refused a connection: the {0} has its quota open",
                    exceeded == Quotas.Exceeded.USER ? "user" : "address");
            if (listener) {
                throw new Refusal(
                        ErrorCode.TOO_MANY_CONNECTIONS,
                        exceeded == Quotas.Exceeded.USER
                                ? "this user has the most connections allowed open; close one"
                                : "this address has the most connections allowed open; close one");
            }
            meters.disconnected(Close.TOO_MANY_CONNECTIONS.reason());
            transport.close(Close.TOO_MANY_CONNECTIONS);
            return null;
        }
        connection.clockSkew(clockSkewMillis);
        connection.attach(new Outbox(
                transport,
                writers,
                limits.outboxMaxBytes(),
                limits.maxBatchBytes(),
                meters,
                () -> close(connection, Close.SLOW_CONSUMER),
                error -> close(connection, Close.WRITE_FAILED)));
        connection.onLost(() -> close(connection, Close.INSUFFICIENT_STATE));
        open.put(connection.id(), connection);
        counter(transport.kind()).incrementAndGet();
        meters.connectionOpened(transport.kind());
        return connection;
    }

    /** Closes the connection from the server side for {@code reason}. */
    public void close(Connection connection, Close reason) {
        if (release(connection, reason.reason())) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", connection.id(), reason.reason());
            connection.closeTransport(reason);
        }
    }

    /** The transport reports the connection gone (closed by the client, the network or us). */
    public void closed(Connection connection, String reason) {
        release(connection, reason);
    }

    private boolean release(Connection connection, String reason) {
        if (!connection.markClosed() || open.remove(connection.id()) == null) {
            return false;
        }
        for (Subscription subscription : connection.subscriptions().values()) {
            hub.unsubscribe(subscription);
        }
        connection.subscriptions().clear();
        // every way a connection ends passes here once (markClosed), so the quota is given back once
        quotas.release(connection.quotaSubject(), connection.address());
        counter(connection.transport()).decrementAndGet();
        meters.disconnected(reason);
        return true;
    }

    /**
     * Takes one frame from the connection's budget: true when the frame may be handled; otherwise the
     * client got a {@code rate_limited} error, or, if it kept sending into refusals, was closed (4008).
     */
    public boolean admit(Connection connection) {
        // a client sending into refusals is not idle: it must end with 4008, not with an idle timeout
        connection.heard();
        TokenBucket.Verdict verdict = connection.take();
        if (verdict == TokenBucket.Verdict.PASS) {
            return true;
        }
        meters.violation(ErrorCode.RATE_LIMITED.code());
        if (verdict == TokenBucket.Verdict.ABUSIVE) {
            close(connection, Close.RATE_LIMITED);
        } else {
            connection.send(rateLimited, 0);
        }
        return false;
    }

    /** Pings connections due for a heartbeat and closes those not heard from within the idle timeout. */
    public void tick() {
        long now = System.nanoTime();
        long timeout = limits.idleTimeout().toNanos();
        long interval = limits.heartbeatInterval().toNanos();
        long wallClock = System.currentTimeMillis();
        for (Connection connection : open.values()) {
            if (connection.expired(wallClock)) {
                close(connection, Close.TOKEN_EXPIRED);
            } else if (!connection.listener() && now - connection.lastHeard() > timeout) {
                close(connection, Close.IDLE_TIMEOUT);
            } else if (now - connection.lastPing() >= interval) {
                connection.pinged(now);
                connection.send(Frames.PING, 0);
            }
        }
    }

    /** The ids of the devices that have a connection on this node. */
    public Set<String> devices() {
        Set<String> ids = new HashSet<>();
        for (Connection connection : open.values()) {
            if (connection.identity().isDevice()) {
                ids.add(connection.identity().device().id());
            }
        }
        return ids;
    }

    /** Closes every connection whose identity {@code stale} matches (a revoked credential); returns how many. */
    public int close(Predicate<Identity> stale, Close reason) {
        int closed = 0;
        for (Connection connection : open.values()) {
            if (stale.test(connection.identity())) {
                close(connection, reason);
                closed++;
            }
        }
        return closed;
    }

    /** Closes every connection at once with 4001 (the application stops without a drain, or a drain's end). */
    public void shutdown() {
        shuttingDown = true;
        for (Connection connection : open.values()) {
            close(connection, Close.SHUTDOWN);
        }
    }

    /** From now on no connection opens here, and readiness is down: the first step of a drain. */
    void refuseNew() {
        shuttingDown = true;
    }

    /** The connections open now, in no particular order. */
    List<Connection> snapshot() {
        return new ArrayList<>(open.values());
    }

    /**
     * Delivers nothing more to {@code connection} and closes it with 4001 once what waits for it has been
     * written, so that it has every publication it was sent and resumes after them elsewhere.
     */
    void retire(Connection connection) {
        for (Subscription subscription : connection.subscriptions().values()) {
            hub.unsubscribe(subscription);
        }
        connection.whenWritten(() -> close(connection, Close.SHUTDOWN));
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    public int size() {
        return open.size();
    }

    private AtomicInteger counter(String transport) {
        return byTransport.computeIfAbsent(transport, t -> {
            AtomicInteger count = new AtomicInteger();
            meters.gauge(
                    "herald.connections.open", "Open connections on this node", count::get, new Tag("transport", t));
            return count;
        });
    }
}
