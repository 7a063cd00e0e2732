package io.herald.connection.control;

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
import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The client operations of herald.v1: subscribe, unsubscribe, publish, ping, pong. Every problem with
 * a frame is answered with an error frame naming it; the connection stays open.
 */
public final class Commands {

    private static final System.Logger LOG = System.getLogger(Commands.class.getName());
    private static final int MAX_REF_LENGTH = 64;

    private final Namespaces namespaces;
    private final Hub hub;
    private final Broker broker;
    private final Publisher publisher;
    private final Limits limits;
    private final Meters meters;

    public Commands(Namespaces namespaces, Hub hub, Broker broker, Publisher publisher, Limits limits,
            Meters meters) {
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
            JsonObject frame = parse(text);
            ref = ref(frame);
            switch (string(frame, "type", true)) {
                case "subscribe" -> subscribe(connection, ref, frame);
                case "unsubscribe" -> unsubscribe(connection, ref, frame);
                case "publish" -> publish(connection, ref, frame);
                case "ping" -> connection.send(Frames.pong(ref), 0);
                case "pong" -> { }
                default -> throw new Refusal(ErrorCode.UNKNOWN_TYPE, "unknown type, expected one of "
                        + "subscribe, unsubscribe, publish, ping, pong");
            }
        } catch (Refusal refusal) {
            meters.error(refusal.code().code());
            connection.send(Frames.error(ref, refusal), 0);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "command failed on connection " + connection.id(), e);
            meters.error(ErrorCode.INTERNAL.code());
            connection.send(Frames.error(ref, new Refusal(ErrorCode.INTERNAL, "the server failed; retry")), 0);
        }
    }

    private void subscribe(Connection connection, JsonValue ref, JsonObject frame) {
        ChannelName channel = namespaces.channel(string(frame, "channel", true));
        Position since = position(frame);
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

    private void unsubscribe(Connection connection, JsonValue ref, JsonObject frame) {
        ChannelName channel = ChannelName.parse(string(frame, "channel", true), Integer.MAX_VALUE);
        Subscription subscription = connection.subscriptions().remove(channel);
        if (subscription == null) {
            throw new Refusal(ErrorCode.NOT_SUBSCRIBED, "not subscribed to " + channel);
        }
        hub.unsubscribe(subscription);
        connection.send(Frames.unsubscribed(ref, channel), 0);
    }

    private void publish(Connection connection, JsonValue ref, JsonObject frame) {
        JsonValue data = frame.get("data");
        Publish request = new Publish(string(frame, "channel", true), string(frame, "event", false),
                data, string(frame, "idempotencyKey", false));
        connection.send(Frames.published(ref, publisher.publish(request, Publisher.Source.CLIENT)), 0);
    }

    private static JsonObject parse(String text) {
        JsonValue value = JsonText.parse(text);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Refusal(ErrorCode.MALFORMED, "a frame must be a JSON object");
        }
        return value.asJsonObject();
    }

    private static JsonValue ref(JsonObject frame) {
        JsonValue ref = frame.get("ref");
        if (ref == null || ref == JsonValue.NULL) {
            return null;
        }
        boolean fits = switch (ref.getValueType()) {
            case STRING -> ((JsonString) ref).getString().length() <= MAX_REF_LENGTH;
            case NUMBER -> true;
            default -> false;
        };
        if (!fits) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "ref must be a number or a string of at most "
                    + MAX_REF_LENGTH + " characters");
        }
        return ref;
    }

    static String string(JsonObject frame, String field, boolean required) {
        JsonValue value = frame.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new Refusal(ErrorCode.MISSING_FIELD, field + " is required");
            }
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new Refusal(ErrorCode.INVALID_FIELD, field + " must be a string");
        }
        return ((JsonString) value).getString();
    }

    private static Position position(JsonObject frame) {
        JsonValue since = frame.get("since");
        if (since == null || since == JsonValue.NULL) {
            return null;
        }
        if (since.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "since must be an object {offset, epoch}");
        }
        JsonObject position = since.asJsonObject();
        JsonValue offset = position.get("offset");
        long value;
        try {
            value = offset instanceof JsonNumber number ? number.longValueExact() : -1;
        } catch (ArithmeticException e) {
            value = -1;
        }
        if (value < 0) {
            throw new Refusal(ErrorCode.INVALID_FIELD, "since.offset must be a whole number from 0 to 2^63-1");
        }
        String epoch = string(position, "epoch", true);
        return new Position(value, epoch);
    }
}
