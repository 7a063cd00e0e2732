package io.herald.security.control;

import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON types of the claims Herald reads. A signed token says who issued it, not that its claims have
 * the types Herald reads; a claim of another type is refused (401 {@code unauthenticated}, naming the
 * claim), never half-used. Checked before the signature: a token that fails here would be refused either
 * way, and the refusal can say which claim is wrong. An encrypted token (five parts) is not checked here:
 * {@link Tokens} refuses it.
 */
public final class ClaimTypes {

    /** What Herald reads, and the JSON type each must have where present. */
    private static final Map<String, ValueType> TYPES = Map.of(
            "sub",
            ValueType.STRING,
            "upn",
            ValueType.STRING,
            "preferred_username",
            ValueType.STRING,
            "groups",
            ValueType.ARRAY,
            "exp",
            ValueType.NUMBER,
            "nbf",
            ValueType.NUMBER,
            "iat",
            ValueType.NUMBER);

    private ClaimTypes() {}

    /**
     * Security: {@code raw} is untrusted; only its payload is decoded.
     *
     * @throws Refusal unauthenticated when a claim read by Herald has another JSON type
     */
    public static void check(String raw) {
        String[] parts = raw == null ? new String[0] : raw.split("\\.", -1);
        if (parts.length != 3) {
            return;
        }
        JsonObject claims = payload(parts[1]);
        TYPES.forEach((claim, type) -> {
            JsonValue value = claims.get(claim);
            if (value != null && (value.getValueType() != type || !strings(value))) {
                throw new Refusal(
                        ErrorCode.UNAUTHENTICATED,
                        "the token's " + claim + " claim is not "
                                + (type == ValueType.ARRAY
                                        ? "an array of strings"
                                        : "a " + type.name().toLowerCase()));
            }
        });
    }

    /** The claims of a signed token (three parts), as JSON. */
    static JsonObject claims(String token) {
        return payload(token.substring(token.indexOf('.') + 1, token.lastIndexOf('.')));
    }

    private static boolean strings(JsonValue value) {
        return value.getValueType() != ValueType.ARRAY
                || value.asJsonArray().stream().allMatch(item -> item.getValueType() == ValueType.STRING);
    }

    private static JsonObject payload(String encoded) {
        try (JsonReader reader = JsonText.JSON.createReader(
                new StringReader(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IllegalArgumentException | JsonException e) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "the token's claims are not a JSON object");
        }
    }
}
