package io.herald.connection.control;

import io.herald.channel.control.ChannelPolicy;
import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Broker;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Publisher;
import io.herald.delivery.control.Subscription;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Recovery;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import jakarta.json.JsonValue;
import java.util.function.Function;

/**
 * The client operations of herald.v1: subscribe, unsubscribe, publish, ping, pong. On a connection
 * (WebSocket) every problem with a frame is answered with an error frame naming it and the connection
 * stays open; over HTTP ({@link #reply}) the same operations are stateless and a problem is a Refusal.
 */
public final class Commands {

    private static final System.Logger LOG = System.getLogger(Commands.class.getName());
    private static final String TYPES = "subscribe, unsubscribe, publish, ping, pong, refresh";

    private final Namespaces namespaces;
    private final Hub hub;
    private final Broker broker;
    private final Publisher publisher;
    private final Limits limits;
    private final Meters meters;
    private final ChannelPolicy policy;
    private final Function<String, Identity> tickets;

    /** {@code tickets} redeems the ticket of a {@code refresh} frame (or refuses). */
    public Commands(Namespaces namespaces, Hub hub, Broker broker, Publisher publisher, Limits limits,
            Meters meters, Function<String, Identity> tickets) {
        this.policy = new ChannelPolicy(namespaces);
        this.tickets = tickets;
        this.namespaces = namespaces;
        this.hub = hub;
        this.broker = broker;
        this.publisher = publisher;
        this.limits = limits;
        this.meters = meters;
    }

    /** Security: {@code text} is untrusted client input of at most the configured message size. */
    public void handle(Connection connection, String text) {
        meters.received();
        connection.heard();
        JsonValue ref = null;
        try {
            ClientFrame frame = ClientFrame.parse(text);
            ref = frame.ref();
            switch (frame.type()) {
                case "subscribe" -> subscribe(connection, ref, namespaces.channel(frame.string("channel", true)),
                        frame.since());
                case "unsubscribe" -> unsubscribe(connection, ref, frame);
                case "publish" -> connection.send(publish(ref, frame, connection.identity()), 0);
                case "ping" -> connection.send(Frames.pong(ref), 0);
                case "pong" -> { }
                case "refresh" -> refresh(connection, ref, frame);
                default -> throw new Refusal(ErrorCode.UNKNOWN_TYPE, "unknown type, expected one of " + TYPES);
            }
        } catch (Refusal refusal) {
            meters.error(refusal.code().code());
            if (refusal.code() == ErrorCode.UNAUTHENTICATED || refusal.code() == ErrorCode.FORBIDDEN) {
                meters.violation(refusal.code().code());
            }
            connection.send(Frames.error(ref, refusal), 0);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "command failed on connection " + connection.id(), e);
            meters.error(ErrorCode.INTERNAL.code());
            connection.send(Frames.error(ref, new Refusal(ErrorCode.INTERNAL, "the server failed; retry")), 0);
        }
    }

    /**
     * One client frame over HTTP from {@code identity}, without a connection: the reply frame, or null when
     * there is none (pong). Subscribe only validates and recovers (the client keeps the channel in its cursor).
     * Security: {@code text} is untrusted client input of at most the configured message size.
     *
     * @throws Refusal for every problem, to be answered with its HTTP status
     */
    public String reply(String text, Identity identity) {
        meters.received();
        try {
            ClientFrame frame = ClientFrame.parse(text);
            JsonValue ref = frame.ref();
            return switch (frame.type()) {
                case "subscribe" -> {
                    ChannelName channel = namespaces.channel(frame.string("channel", true));
                    policy.subscribe(channel, identity);
                    yield Frames.subscribed(ref, channel, broker.recover(channel, frame.since()));
                }
                case "unsubscribe" -> Frames.unsubscribed(ref,
                        ChannelName.parse(frame.string("channel", true), Integer.MAX_VALUE));
                case "publish" -> publish(ref, frame, identity);
                case "ping" -> Frames.pong(ref);
                case "pong" -> null;
                case "refresh" -> throw new Refusal(ErrorCode.UNKNOWN_TYPE,
                        "refresh applies to a WebSocket connection; every HTTP request carries its own credential");
                default -> throw new Refusal(ErrorCode.UNKNOWN_TYPE, "unknown type, expected one of " + TYPES);
            };
        } catch (Refusal refusal) {
            meters.error(refusal.code().code());
            throw refusal;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "HTTP client command failed", e);
            meters.error(ErrorCode.INTERNAL.code());
            throw new Refusal(ErrorCode.INTERNAL, "the server failed; retry");
        }
    }

    /**
     * Subscribes a connection (WebSocket or SSE) to a validated channel: the {@code subscribed} reply
     * with what it missed since {@code since}, then every newer publication.
     */
    public void subscribe(Connection connection, JsonValue ref, ChannelName channel, Position since) {
        policy.subscribe(channel, connection.identity());
        if (connection.subscriptions().containsKey(channel)) {
            throw new Refusal(ErrorCode.ALREADY_SUBSCRIBED, "already subscribed to " + channel);
        }
        if (connection.subscriptions().size() >= limits.maxChannels()) {
            throw new Refusal(ErrorCode.TOO_MANY_CHANNELS,
                    "at most " + limits.maxChannels() + " channels per connection");
        }
        Subscription subscription = hub.subscribe(channel, connection);
        connection.subscriptions().put(channel, subscription);
        Recovery recovery;
        try {
            recovery = broker.recover(channel, since);
        } catch (RuntimeException e) {
            connection.subscriptions().remove(channel);
            hub.unsubscribe(subscription);
            throw e;
        }
        if (connection.isClosed()) {
            hub.unsubscribe(subscription);
            return;
        }
        subscription.goLive(Frames.subscribed(ref, channel, recovery), recovery.position().offset(),
                recovery.position().epoch());
    }

    private void unsubscribe(Connection connection, JsonValue ref, ClientFrame frame) {
        ChannelName channel = ChannelName.parse(frame.string("channel", true), Integer.MAX_VALUE);
        Subscription subscription = connection.subscriptions().remove(channel);
        if (subscription == null) {
            throw new Refusal(ErrorCode.NOT_SUBSCRIBED, "not subscribed to " + channel);
        }
        hub.unsubscribe(subscription);
        connection.send(Frames.unsubscribed(ref, channel), 0);
    }

    /**
     * A newer credential for a live connection, as a ticket that the client got with its refreshed token
     * (so MicroProfile JWT verified it, and no token travels in a frame). It must name the same subject;
     * the connection then lives until the new expiry. Subscriptions stay: they were allowed for this
     * subject. Rejected: verifying a raw token here, which needs a JWT parser that MP-JWT 2.1 does not
     * offer to applications on Payara.
     */
    private void refresh(Connection connection, JsonValue ref, ClientFrame frame) {
        Identity fresh = tickets.apply(frame.string("ticket", true));
        Identity current = connection.identity();
        // the same kind too: a user whose sub happens to read "device:x" must not become device x, nor the reverse
        if (current.anonymous() || !current.subject().equals(fresh.subject()) || current.isDevice() != fresh.isDevice()) {
            throw new Refusal(ErrorCode.FORBIDDEN, "a refresh must name the connection's subject");
        }
        connection.identify(fresh);
        connection.send(Frames.refreshed(ref, fresh.expiry()), 0);
    }

    /** A client publish: the channel policy and the namespace's client-publish rule apply, whatever the transport. */
    private String publish(JsonValue ref, ClientFrame frame, Identity identity) {
        String raw = frame.string("channel", true);
        if (raw != null) {
            policy.publish(namespaces.channel(raw), identity);
        }
        Publish request = new Publish(frame.string("channel", true), frame.string("event", false),
                frame.data(), frame.string("idempotencyKey", false));
        return Frames.published(ref, publisher.publish(request, Publisher.Source.CLIENT));
    }
}
