package io.herald.security.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.DevicePrincipal;
import io.herald.security.entity.Identity;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The single place where a connection or a request gets its identity: the JWT MicroProfile JWT verified
 * (subject {@code sub}, else {@code upn} or {@code preferred_username}; groups {@code groups}; expiry
 * {@code exp}), or the device whose token Herald's {@code CredentialGate} verified ({@link DevicePrincipal}),
 * else a redeemed ticket, else anonymous. A JWT never gives a device identity, whatever its claims say.
 * <p>
 * A verified signature says who issued a token, not that its claims have the types Herald reads: the
 * runtimes cast claims as they hand them over (a {@code sub} that is a JSON object threw a
 * ClassCastException on Payara: 500 on HTTP, a WebSocket that never answered). So every claim read here
 * is read by its JSON type, and a token whose claim has another type is refused like a bad token (401
 * {@code unauthenticated}), never half-used. Rejected: skipping a misshapen claim (a token without its
 * groups or expiry is not the token its issuer meant) and trusting each runtime's own checks, which
 * differ: Payara refuses a {@code upn} object itself but hands over a {@code sub} object, WildFly and
 * Open Liberty hand over a {@code groups} object as no groups.
 */
public final class Identities {

    /** The claim MicroProfile JWT maps to groups (and roles). */
    private static final String GROUPS = "groups";

    private Identities() {}

    public static Identity of(Principal principal) {
        if (principal == null) {
            return Identity.ANONYMOUS;
        }
        if (principal instanceof JsonWebToken token) {
            return ofToken(token);
        }
        if (principal instanceof DevicePrincipal device) {
            return device.identity();
        }
        return new Identity(principal.getName(), Set.of(), false, null);
    }

    /** A container principal wins over a ticket: both are verified, the header is the stronger proof. */
    public static Identity of(Principal principal, Identity ticket) {
        if (principal == null && ticket != null) {
            return ticket;
        }
        return of(principal);
    }

    /**
     * Refuses a token the container verified but Herald cannot use: a claim it reads of the wrong JSON type
     * (in the token as sent, {@link ClaimTypes}, and as the runtime hands it over), no subject at all, or {@code nbf} later than now plus the skew (Payara's MicroProfile JWT does not
     * check {@code nbf}, so Herald does, before any transport uses the token). Other principals pass.
     *
     * @throws Refusal unauthenticated
     */
    public static void check(Principal principal, Instant now, Duration skew) {
        if (!(principal instanceof JsonWebToken token)) {
            return;
        }
        ClaimTypes.check(token);
        ofToken(token);
        long seconds = seconds(token, "nbf");
        if (seconds > 0 && Instant.ofEpochSecond(seconds).isAfter(now.plus(skew))) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "the token is not valid yet");
        }
    }

    /**
     * The identity of a verified token. Security: the claims are the issuer's, but not checked for type by
     * every runtime; each is read by its JSON type.
     *
     * @throws Refusal unauthenticated when a claim read here has the wrong type, or no claim names a subject
     */
    public static Identity ofToken(JsonWebToken token) {
        String sub = text(token, "sub");
        String upn = text(token, "upn");
        String username = text(token, "preferred_username");
        String subject = sub != null ? sub : upn != null ? upn : username;
        if (subject == null || subject.isBlank()) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "the token names no subject");
        }
        long exp = seconds(token, "exp");
        return new Identity(subject, groups(token), false, exp > 0 ? Instant.ofEpochSecond(exp) : null);
    }

    /** A string claim, null when absent. */
    private static String text(JsonWebToken token, String claim) {
        Object value = claim(token, claim);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw misshapen(claim, "a string");
    }

    /** A NumericDate claim in seconds, 0 when absent; runtimes hand it over as a Long or a JsonNumber. */
    private static long seconds(JsonWebToken token, String claim) {
        Object value = claim(token, claim);
        if (value == null) {
            return 0;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        throw misshapen(claim, "a number");
    }

    /**
     * The token's groups: an array of strings, as the claim arrives or as the runtime maps it (some map
     * groups from another claim when configured to, so the runtime's answer is what counts).
     */
    private static Set<String> groups(JsonWebToken token) {
        Object claim = claim(token, GROUPS);
        if (claim != null
                && !(claim instanceof Collection<?> values
                        && values.stream().allMatch(value -> value instanceof String || value instanceof JsonString))) {
            throw misshapen(GROUPS, "an array of strings");
        }
        Set<?> groups;
        try {
            groups = token.getGroups();
        } catch (RuntimeException e) {
            throw misshapen(GROUPS, "an array of strings");
        }
        if (groups == null) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (Object group : groups) {
            if (!(group instanceof String name)) {
                throw misshapen(GROUPS, "an array of strings");
            }
            names.add(name);
        }
        return names;
    }

    /** A claim as the runtime hands it over; null when absent. Runtimes that cast it themselves throw here. */
    private static Object claim(JsonWebToken token, String claim) {
        Object value;
        try {
            value = token.getClaim(claim);
        } catch (RuntimeException e) {
            throw misshapen(claim, "of its registered type");
        }
        return value == JsonValue.NULL ? null : value;
    }

    /** Security: names the claim, never its value (the claims are the caller's input). */
    private static Refusal misshapen(String claim, String expected) {
        return new Refusal(ErrorCode.UNAUTHENTICATED, "the token's " + claim + " claim is not " + expected);
    }
}
