package io.herald.connection.control;

import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Subscription;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final Executor writers;
    private final Meters meters;
    private final long clockSkewMillis;
    private volatile boolean shuttingDown;

    public Connections(Limits limits, Hub hub, Executor writers, Meters meters) {
        this(limits, hub, writers, meters, java.time.Duration.ZERO);
    }

    /** {@code clockSkew}: how long after its credential's {@code exp} a connection is closed. */
    public Connections(Limits limits, Hub hub, Executor writers, Meters meters, java.time.Duration clockSkew) {
        this.clockSkewMillis = clockSkew.toMillis();
        this.limits = limits;
        this.hub = hub;
        this.writers = writers;
        this.meters = meters;
        meters.gauge("herald.subscriptions.active", "Channel subscriptions of the clients on this node",
                hub::subscriptions);
    }

    /** Registers a connection; returns null (after closing the transport) when it may not open. */
    public Connection open(Transport transport, Identity identity) {
        Connection connection = register(transport, identity, false);
        if (connection != null) {
            connection.send(Frames.connected(connection.id(), limits.heartbeatInterval(), limits.idleTimeout()), 0);
        }
        return connection;
    }

    /**
     * Registers a one-way connection (SSE): no {@code connected} frame, no idle timeout.
     *
     * @throws Refusal unavailable when the node is full or shutting down, before anything was sent
     */
    public Connection listen(Transport transport, Identity identity) {
        if (shuttingDown || open.size() >= limits.maxConnections()) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "this node takes no more connections now; retry later");
        }
        Connection connection = register(transport, identity, true);
        if (connection == null) {
            throw new Refusal(ErrorCode.UNAVAILABLE, "this node takes no more connections now; retry later");
        }
        return connection;
    }

    private Connection register(Transport transport, Identity identity, boolean listener) {
        if (shuttingDown) {
            transport.close(Close.SHUTDOWN);
            return null;
        }
        if (open.size() >= limits.maxConnections()) {
            meters.disconnected(Close.TOO_MANY_CONNECTIONS.reason());
            transport.close(Close.TOO_MANY_CONNECTIONS);
            return null;
        }
        Connection connection = new Connection(UUID.randomUUID().toString(), identity, transport, listener);
        connection.clockSkew(clockSkewMillis);
        connection.attach(new Outbox(transport, writers, limits.outboxMaxBytes(), limits.maxBatchBytes(), meters,
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
        counter(connection.transport()).decrementAndGet();
        meters.disconnected(reason);
        return true;
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

    public void shutdown() {
        shuttingDown = true;
        for (Connection connection : open.values()) {
            close(connection, Close.SHUTDOWN);
        }
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
            meters.gauge("herald.connections.open", "Open connections on this node", count::get,
                    new Tag("transport", t));
            return count;
        });
    }
}
