package io.herald.connection.control;

import io.herald.channel.entity.ChannelName;
import io.herald.connection.entity.Close;
import io.herald.delivery.control.Subscriber;
import io.herald.delivery.control.Subscription;
import io.herald.delivery.entity.Frame;
import io.herald.security.control.TokenBucket;
import io.herald.security.entity.Identity;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One client connection, whatever its transport: its identity, its subscriptions and its outbox. */
public final class Connection implements Subscriber {

    private final String id;
    private volatile Identity identity;
    /** Epoch millis after which nothing more is delivered (the credential expired); MAX_VALUE: never. */
    private volatile long deadline = Long.MAX_VALUE;

    private volatile long clockSkewMillis;
    private final Transport transport;
    private final boolean listener;
    private final Map<ChannelName, Subscription> subscriptions = new ConcurrentHashMap<>();
    private Outbox outbox;
    private volatile long lastHeard = System.nanoTime();
    private volatile long lastPing = System.nanoTime();
    private volatile boolean closed;
    private Runnable onLost = () -> {};
    private final String address;
    private final TokenBucket bucket;

    /** {@code address}: the client's remote address (null: unknown); {@code bucket}: its frame budget. */
    Connection(
            String id, Identity identity, Transport transport, boolean listener, String address, TokenBucket bucket) {
        this.id = id;
        this.identity = identity;
        this.transport = transport;
        this.listener = listener;
        this.address = address;
        this.bucket = bucket;
    }

    String address() {
        return address;
    }

    /** The subject its per-user quota was counted for; null for anonymous connections. */
    String quotaSubject() {
        return identity.anonymous() ? null : identity.subject();
    }

    TokenBucket.Verdict take() {
        return bucket == null ? TokenBucket.Verdict.PASS : bucket.take();
    }

    /**
     * A listener (SSE) never sends frames, so it is never idle: a client that went away is found when
     * a heartbeat fails to write.
     */
    boolean listener() {
        return listener;
    }

    void attach(Outbox outbox) {
        this.outbox = outbox;
    }

    public String id() {
        return id;
    }

    public Identity identity() {
        return identity;
    }

    /** A newer credential for the same subject (refresh): the deadline moves with its expiry. */
    void identify(Identity fresh) {
        this.identity = fresh;
        this.deadline = fresh.expiry() == null ? Long.MAX_VALUE : fresh.expiry().toEpochMilli() + clockSkewMillis;
    }

    void clockSkew(long millis) {
        this.clockSkewMillis = millis;
        identify(identity);
    }

    /** Whether the credential has expired (plus the clock skew) at {@code nowMillis}. */
    boolean expired(long nowMillis) {
        return nowMillis > deadline;
    }

    public String transport() {
        return transport.kind();
    }

    @Override
    public void send(Frame frame, long published) {
        // delivery stops when the credential expires, not at the next tick that closes the connection
        if (deadline != Long.MAX_VALUE && expired(System.currentTimeMillis())) {
            return;
        }
        outbox.enqueue(frame, published);
    }

    @Override
    public void lost(ChannelName channel) {
        onLost.run();
    }

    void onLost(Runnable action) {
        this.onLost = action;
    }

    Map<ChannelName, Subscription> subscriptions() {
        return subscriptions;
    }

    void heard() {
        lastHeard = System.nanoTime();
    }

    long lastHeard() {
        return lastHeard;
    }

    long lastPing() {
        return lastPing;
    }

    void pinged(long now) {
        lastPing = now;
    }

    long waiting() {
        return outbox.waiting();
    }

    /** Runs {@code action} once what waits for this client has been written (see {@link Outbox#whenWritten}). */
    void whenWritten(Runnable action) {
        outbox.whenWritten(action);
    }

    /** Marks the connection closed; true for the first caller only. */
    synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        if (outbox != null) {
            outbox.close();
        }
        return true;
    }

    boolean isClosed() {
        return closed;
    }

    void closeTransport(Close reason) {
        transport.close(reason);
    }
}
