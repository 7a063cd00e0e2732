package io.herald.connection.control;

import io.herald.channel.control.ChannelPolicy;
import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Broker;
import io.herald.delivery.control.DeliveryJson;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Publisher;
import io.herald.delivery.control.Subscription;
import io.herald.delivery.entity.Frame;
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
 * The client operations of herald.v1: subscribe, unsubscribe, publish, ping, pong, refresh. On a
 * connection (WebSocket) every problem with a frame is answered with an error frame naming it and the
 * connection stays open; over HTTP ({@link #reply}) the same operations are stateless and a problem is a
 * Refusal. A frame is parsed once ({@link ClientFrame}) and dispatched by one handler per use.
 */
public final class Commands {

    private static final System.Logger LOG = System.getLogger(Commands.class.getName());

    private final Namespaces namespaces;
    private final Hub hub;
    private final Broker broker;
    private final Publisher publisher;
    private final Limits limits;
    private final Meters meters;
    private final ChannelPolicy policy;
    private final Refreshes refreshes;

    /** {@code tickets} redeems the ticket of a {@code refresh} frame (or refuses). */
    public Commands(
            Namespaces namespaces,
            Hub hub,
            Broker broker,
            Publisher publisher,
            Limits limits,
            Meters meters,
            Function<String, Identity> tickets) {
        this.policy = new ChannelPolicy(namespaces);
        this.refreshes = new Refreshes(tickets, policy, hub, meters);
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
            ClientFrame frame = ClientFrame.parse(text, namespaces::channel);
            ref = frame.ref();
            Frame reply = frame.accept(new OnConnection(connection));
            if (reply != null) {
                connection.send(reply, 0);
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
            Frame reply = ClientFrame.parse(text, namespaces::channel).accept(new OverHttp(identity));
            return reply == null ? null : reply.json();
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
            throw new Refusal(
                    ErrorCode.TOO_MANY_CHANNELS, "at most " + limits.maxChannels() + " channels per connection");
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
        subscription.goLive(DeliveryJson.subscribed(ref, channel, recovery));
    }

    /** What every use answers alike: publish, ping, pong, and a frame that broke a rule. */
    private abstract class Answers implements ClientFrame.Handler<Frame> {

        /** Who sent the frame. */
        final Identity identity;

        Answers(Identity identity) {
            this.identity = identity;
        }

        /** The channel policy and the namespace's client-publish rule apply, whatever the transport. */
        @Override
        public Frame publish(ClientFrame.Publish frame) {
            policy.publish(frame.channel(), identity);
            Publish request =
                    new Publish(frame.channel().toString(), frame.event(), frame.data(), frame.idempotencyKey());
            return DeliveryJson.published(frame.ref(), publisher.publish(request, Publisher.Source.CLIENT));
        }

        @Override
        public Frame ping(ClientFrame.Ping frame) {
            return Frames.pong(frame.ref());
        }

        @Override
        public Frame pong(ClientFrame.Pong frame) {
            return null;
        }

        @Override
        public Frame invalid(ClientFrame.Invalid frame) {
            throw frame.refusal();
        }
    }

    /** The frames of a live connection (WebSocket): answered by the frame returned, if any. */
    private final class OnConnection extends Answers {

        private final Connection connection;

        OnConnection(Connection connection) {
            super(connection.identity());
            this.connection = connection;
        }

        /**
         * When the history cannot be read (Redis unreachable) the connection closes with 4006 instead of
         * answering {@code unavailable}: a client that missed that answer would look connected while
         * subscribed to nothing; reconnecting with backoff and resuming every channel cannot miss it.
         */
        @Override
        public Frame subscribe(ClientFrame.Subscribe frame) {
            try {
                // the subscribed reply goes out with the subscription's held publications, not here
                Commands.this.subscribe(connection, frame.ref(), frame.channel(), frame.since());
            } catch (Refusal refusal) {
                if (refusal.code() != ErrorCode.UNAVAILABLE) {
                    throw refusal;
                }
                meters.error(refusal.code().code());
                connection.lost(frame.channel());
            }
            return null;
        }

        @Override
        public Frame unsubscribe(ClientFrame.Unsubscribe frame) {
            Subscription subscription = connection.subscriptions().remove(frame.channel());
            if (subscription == null) {
                throw new Refusal(ErrorCode.NOT_SUBSCRIBED, "not subscribed to " + frame.channel());
            }
            hub.unsubscribe(subscription);
            return Frames.unsubscribed(frame.ref(), frame.channel());
        }

        @Override
        public Frame refresh(ClientFrame.Refresh frame) {
            return refreshes.refresh(connection, frame);
        }
    }

    /** The frames of one HTTP request: stateless, answered by the frame returned, if any. */
    private final class OverHttp extends Answers {

        OverHttp(Identity identity) {
            super(identity);
        }

        @Override
        public Frame subscribe(ClientFrame.Subscribe frame) {
            policy.subscribe(frame.channel(), identity);
            Recovery recovery = broker.recover(frame.channel(), frame.since());
            return DeliveryJson.subscribed(frame.ref(), frame.channel(), recovery);
        }

        @Override
        public Frame unsubscribe(ClientFrame.Unsubscribe frame) {
            return Frames.unsubscribed(frame.ref(), frame.channel());
        }

        @Override
        public Frame refresh(ClientFrame.Refresh frame) {
            throw new Refusal(
                    ErrorCode.UNKNOWN_TYPE,
                    "refresh applies to a WebSocket connection; every HTTP request carries its own credential");
        }
    }
}
