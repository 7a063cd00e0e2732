package io.herald.security.control;

import io.herald.security.entity.DevicePrincipal;
import io.herald.security.entity.Identity;
import jakarta.json.JsonNumber;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The single place where a connection or a request gets its identity: the JWT MicroProfile JWT verified
 * (subject {@code sub}, groups {@code groups}, expiry {@code exp}), or the device whose token Herald's
 * {@code CredentialGate} verified ({@link DevicePrincipal}), else a redeemed ticket, else anonymous. A JWT
 * never gives a device identity, whatever its claims say.
 */
public final class Identities {

    private Identities() {
    }

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
     * Whether a verified token says it is not valid yet ({@code nbf} later than now plus the skew).
     * Payara's MicroProfile JWT does not check {@code nbf}, so Herald does, before any transport uses it.
     */
    public static boolean notYetValid(Principal principal, Instant now, Duration skew) {
        if (!(principal instanceof JsonWebToken token)) {
            return false;
        }
        long seconds = seconds(token, "nbf");
        return seconds > 0 && Instant.ofEpochSecond(seconds).isAfter(now.plus(skew));
    }

    public static Identity ofToken(JsonWebToken token) {
        String subject = token.getSubject() != null ? token.getSubject() : token.getName();
        Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
        long exp = seconds(token, "exp");
        return new Identity(subject, groups, false, exp > 0 ? Instant.ofEpochSecond(exp) : null);
    }

    /** A NumericDate claim in seconds, 0 when absent; runtimes hand it over as a Long or a JsonNumber. */
    private static long seconds(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return value instanceof Number n ? n.longValue() : value instanceof JsonNumber j ? j.longValue() : 0;
    }
}
