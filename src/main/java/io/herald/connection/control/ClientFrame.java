package io.herald.connection.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Position;
import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.function.Function;

/**
 * One herald.v1 client frame, parsed once and strictly, with the field rules every transport shares
 * (WebSocket text frames and {@code POST /api/client} bodies). A field set to JSON null counts as absent.
 * Each use dispatches through one {@link Handler}: a new frame type is one record here, one case in
 * {@link #parse} and one handler method that the compiler then demands of every use.
 */
sealed interface ClientFrame {

    /** The client's ref, echoed in the reply; null when it gave none (or gave one that broke a rule). */
    JsonValue ref();

    <R> R accept(Handler<R> handler);

    /** One method per frame type (Java 17 has no pattern matching in switch to make a switch exhaustive). */
    interface Handler<R> {

        R subscribe(Subscribe frame);

        R unsubscribe(Unsubscribe frame);

        R publish(Publish frame);

        R ping(Ping frame);

        R pong(Pong frame);

        R refresh(Refresh frame);

        /** A frame that broke a rule of the protocol; {@code frame.refusal()} names the rule. */
        R invalid(Invalid frame);
    }

    /** {@code since}: the position the client last saw in the channel, or null. */
    record Subscribe(JsonValue ref, ChannelName channel, Position since) implements ClientFrame {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.subscribe(this);
        }
    }

    record Unsubscribe(JsonValue ref, ChannelName channel) implements ClientFrame {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.unsubscribe(this);
        }
    }

    /** {@code data} is as sent (null when absent): the publisher decides what it accepts. */
    record Publish(JsonValue ref, ChannelName channel, String event, JsonValue data, String idempotencyKey)
            implements ClientFrame {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.publish(this);
        }
    }

    record Ping(JsonValue ref) implements ClientFrame {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.ping(this);
        }
    }

    record Pong(JsonValue ref) implements ClientFrame {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.pong(this);
        }
    }

    record Refresh(JsonValue ref, String ticket) implements ClientFrame {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.refresh(this);
        }
    }

    /** A frame that could not be read as one of the above, with the ref to echo when it got that far. */
    record Invalid(JsonValue ref, Refusal refusal) implements ClientFrame {
        @Override
        public <R> R accept(Handler<R> handler) {
            return handler.invalid(this);
        }
    }

    /**
     * Reads {@code text} as a frame, or as {@link Invalid} with the first rule it breaks. The ref is read
     * before every other field, so an error about any later field still echoes it. Channels of subscribe
     * and publish go through {@code channels} (which refuses unknown namespaces); an unsubscribe needs
     * only a well-formed name. Security: {@code text} is untrusted; its size must have been bounded by
     * the caller.
     */
    static ClientFrame parse(String text, Function<String, ChannelName> channels) {
        JsonValue ref = null;
        try {
            JsonValue value = JsonText.parse(text);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Refusal(ErrorCode.MALFORMED, "a frame must be a JSON object");
            }
            JsonObject json = value.asJsonObject();
            ref = ref(json);
            return read(json, ref, channels);
        } catch (Refusal refusal) {
            return new Invalid(ref, refusal);
        }
    }

    private static ClientFrame read(JsonObject json, JsonValue ref, Function<String, ChannelName> channels) {
        return switch (string(json, "type", true)) {
            case "subscribe" -> new Subscribe(ref, channels.apply(string(json, "channel", true)), since(json));
            case "unsubscribe" ->
                new Unsubscribe(ref, ChannelName.parse(string(json, "channel", true), Integer.MAX_VALUE));
            case "publish" ->
                new Publish(
                        ref,
                        channels.apply(string(json, "channel", true)),
                        string(json, "event", false),
                        json.get("data"),
                        string(json, "idempotencyKey", false));
            case "ping" -> new Ping(ref);
            case "pong" -> new Pong(ref);
            case "refresh" -> new Refresh(ref, string(json, "ticket", true));
            default ->
                throw new Refusal(
                        ErrorCode.UNKNOWN_TYPE,
                        "unknown type, expected one of subscribe, unsubscribe, publish, ping, pong, refresh");
        };
    }

    /** The ref to echo, or null; a ref that is neither a short string nor a number is refused. */
    private static JsonValue ref(JsonObject json) {
        int maxLength = 64;
        JsonValue ref = json.get("ref");
        if (ref == null || ref == JsonValue.NULL) {
            return null;
        }
        boolean fits = switch (ref.getValueType()) {
            case STRING -> ((JsonString) ref).getString().length() <= maxLength;
            case NUMBER -> true;
            default -> false;
        };
        if (!fits) {
            throw new Refusal(
                    ErrorCode.INVALID_FIELD,
                    "ref must be a number or a string of at most " + maxLength + " characters");
        }
        return ref;
    }

    private static Position since(JsonObject json) {
        JsonValue since = json.get("since");
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
        return new Position(value, string(position, "epoch", true));
    }

    private static String string(JsonObject object, String field, boolean required) {
        JsonValue value = object.get(field);
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
}
