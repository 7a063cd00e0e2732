package io.herald.security.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.CallerPrincipal;
import io.herald.security.entity.Identity;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.Principal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The single place where a connection or a request gets its identity: the caller whose bearer or device
 * token Herald's {@code CredentialGate} verified ({@link CallerPrincipal}), else a redeemed ticket, else
 * anonymous. A token's identity comes from its claims (subject {@code sub}, else {@code upn} or
 * {@code preferred_username}; groups {@code groups}; expiry {@code exp}), each read by its JSON type
 * ({@link ClaimTypes} checked them); a JWT never gives a device identity, whatever its claims say.
 */
public final class Identities {

    /** The claim MicroProfile JWT maps to groups (and roles). */
    private static final String GROUPS = "groups";

    private Identities() {}

    public static Identity of(Principal principal) {
        if (principal == null) {
            return Identity.ANONYMOUS;
        }
        if (principal instanceof CallerPrincipal caller) {
            return caller.identity();
        }
        return new Identity(principal.getName(), Set.of(), false, null);
    }

    /** A verified credential header wins over a ticket: both are verified, the header is the stronger proof. */
    public static Identity of(Principal principal, Identity ticket) {
        if (principal == null && ticket != null) {
            return ticket;
        }
        return of(principal);
    }

    /**
     * The identity of a verified token's claims. Security: the claims are the issuer's, their types were
     * checked ({@link ClaimTypes}); a token without any subject is refused.
     *
     * @throws Refusal unauthenticated when no claim names a subject
     */
    static Identity ofClaims(JsonObject claims) {
        String sub = text(claims, "sub");
        String upn = text(claims, "upn");
        String username = text(claims, "preferred_username");
        String subject = sub != null ? sub : upn != null ? upn : username;
        if (subject == null || subject.isBlank()) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "the token names no subject");
        }
        JsonValue exp = claims.get("exp");
        Instant expiry = exp instanceof JsonNumber seconds ? Instant.ofEpochSecond(seconds.longValue()) : null;
        return new Identity(subject, groups(claims), false, expiry);
    }

    private static String text(JsonObject claims, String claim) {
        return claims.get(claim) instanceof JsonString string ? string.getString() : null;
    }

    private static Set<String> groups(JsonObject claims) {
        if (!(claims.get(GROUPS) instanceof JsonArray array)) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        for (JsonValue group : array) {
            if (group instanceof JsonString name) {
                names.add(name.getString());
            }
        }
        return names;
    }
}
