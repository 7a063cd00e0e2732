package io.herald.security.control;

import io.herald.problem.control.Jsonp;
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
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JSON types of the claims Herald reads, checked in the payload of the token the container verified.
 * The runtimes differ in what they make of a claim of another type: Payara throws when it is read, WildFly
 * and Open Liberty drop a {@code groups} object and hand over no groups, WildFly splits a {@code groups}
 * string. Reading the verified payload gives the same answer on every server. No signature is checked
 * here (the container did); a token whose payload is not readable JSON is refused. An encrypted token
 * (five parts) is left to the typed reads of {@link Identities}.
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
            ValueType.NUMBER);

    private ClaimTypes() {}

    /**
     * Security: the payload is the issuer's, verified by the container, but its claims' types are not.
     *
     * @throws Refusal unauthenticated when a claim read by Herald has another JSON type
     */
    static void check(JsonWebToken token) {
        String raw;
        try {
            raw = token.getRawToken();
        } catch (RuntimeException e) {
            return;
        }
        check(raw);
    }

    /**
     * The same check on a token as it arrives, before the container verifies it (a token that fails it
     * would be refused either way). Security: {@code raw} is untrusted; only its payload is decoded.
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

    private static boolean strings(JsonValue value) {
        return value.getValueType() != ValueType.ARRAY
                || value.asJsonArray().stream().allMatch(item -> item.getValueType() == ValueType.STRING);
    }

    private static JsonObject payload(String encoded) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(
                new StringReader(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IllegalArgumentException | JsonException e) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "the token's claims are not a JSON object");
        }
    }
}
