package io.herald.security.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Short-lived, single-use connection tickets for browsers, which cannot send {@code Authorization} on a
 * WebSocket or EventSource: an authenticated REST call gets one, the connection presents it once. Kept in
 * this node's memory (one node; a cluster would keep them in Redis). Rejected: a JWT in the URL, where
 * it lands in proxy and access logs and stays valid for its whole lifetime.
 */
public final class Tickets {

    /** How a WebSocket client offers a ticket: as subprotocol {@code herald.ticket.<ticket>}. */
    public static final String SUBPROTOCOL_PREFIX = "herald.ticket.";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Expired tickets are swept when this many are held, so unredeemed ones cannot pile up. */
    private static final int SWEEP_ABOVE = 1024;

    private record Held(Identity identity, long expiresAt) {}

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final LongSupplier nanos;

    public Tickets(Duration ttl, LongSupplier nanos) {
        this.ttl = ttl;
        this.nanos = nanos;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A new ticket for {@code identity}: 256 random bits, base64url (valid in a subprotocol and a URL). */
    public String issue(Identity identity) {
        if (identity.anonymous()) {
            throw new Refusal(
                    ErrorCode.UNAUTHENTICATED,
                    "a ticket needs an authenticated request (Authorization: Bearer or Device)");
        }
        long now = nanos.getAsLong();
        if (held.size() > SWEEP_ABOVE) {
            held.values().removeIf(h -> h.expiresAt() - now < 0);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        held.put(ticket, new Held(identity, now + ttl.toNanos()));
        return ticket;
    }

    /** Security: {@code ticket} is untrusted; it is looked up, never parsed. Consumed on first use. */
    public Identity redeem(String ticket) {
        Held found = ticket == null ? null : held.remove(ticket);
        if (found == null || found.expiresAt() - nanos.getAsLong() < 0) {
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "the ticket is unknown, used or expired");
        }
        return found.identity();
    }

    /** Drops the unredeemed tickets of device {@code id}: its credential was revoked or replaced. */
    public void forgetDevice(String id) {
        held.values()
                .removeIf(h ->
                        h.identity().isDevice() && h.identity().device().id().equals(id));
    }

    /** Whether {@code ticket} would be redeemed now, without consuming it. */
    public boolean valid(String ticket) {
        Held found = ticket == null ? null : held.get(ticket);
        return found != null && found.expiresAt() - nanos.getAsLong() >= 0;
    }

    /**
     * The ticket among the values of the {@code Sec-WebSocket-Protocol} headers, or null. Security: the
     * values are untrusted; they are split and compared, the ticket is not looked up here.
     */
    public static String offered(List<String> subprotocols) {
        if (subprotocols == null) {
            return null;
        }
        for (String header : subprotocols) {
            for (String protocol : header.split(",")) {
                String candidate = protocol.trim();
                if (candidate.startsWith(SUBPROTOCOL_PREFIX)) {
                    return candidate.substring(SUBPROTOCOL_PREFIX.length());
                }
            }
        }
        return null;
    }
}
