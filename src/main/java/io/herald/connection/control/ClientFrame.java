package io.herald.connection.control;

import io.herald.delivery.entity.Position;
import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One herald.v1 client frame, parsed strictly, with the field rules every transport shares (WebSocket
 * text frames and {@code POST /api/client} bodies). A field set to JSON null counts as absent.
 */
record ClientFrame(JsonObject json) {

    private static final int MAX_REF_LENGTH = 64;

    /** Security: {@code text} is untrusted; its size must have been bounded by the caller. */
    static ClientFrame parse(String text) {
        JsonValue value = JsonText.parse(text);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Refusal(ErrorCode.MALFORMED, "a frame must be a JSON object");
        }
        return new ClientFrame(value.asJsonObject());
    }

    String type() {
        return string("type", true);
    }

    /** The ref to echo, or null; a ref that is neither a short string nor a number is refused. */
    JsonValue ref() {
        JsonValue ref = json.get("ref");
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

    JsonValue data() {
        return json.get("data");
    }

    String string(String field, boolean required) {
        return string(json, field, required);
    }

    /** {@code since}: the position the client last saw, or null. */
    Position since() {
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
