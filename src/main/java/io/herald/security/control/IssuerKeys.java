package io.herald.security.control;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The keys a token may be signed with: fixed (an inline key, a file) or fetched from the issuer's URL
 * (a JWK set), kept for {@code ttl} and fetched again at once when a token names a key it does not know
 * (the issuer rotated its keys), at most once per {@code minRefresh}. A fetch waits at most
 * {@code timeout} to connect and {@code timeout} per read, and reads at most {@code maxBytes}: a slow or
 * hostile URL costs a bounded wait, never a thread for good. When a fetch fails the keys already fetched
 * stay in use (an issuer's outage does not refuse every token); without any, verification is unavailable.
 * Rejected: Nimbus's own caching JWK source chain, whose rate limit fails the request ("rate limit
 * reached") where an unknown key should simply not verify; and a key whose {@code kid} differs from the
 * token's (a key without a {@code kid}, as PEM keys are, matches any).
 */
public final class IssuerKeys {

    /** The keys could not be fetched, and none were fetched before. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final JWKSet fixed;
    private final URL url;
    private final ResourceRetriever retriever;
    private final long ttlNanos;
    private final long minRefreshNanos;
    private final LongSupplier nanos;

    private volatile JWKSet fetched;
    private volatile long fetchedAt;
    private long triedAt;
    private boolean tried;

    private IssuerKeys(
            JWKSet fixed, URL url, ResourceRetriever retriever, Duration ttl, Duration minRefresh, LongSupplier nanos) {
        this.fixed = fixed;
        this.url = url;
        this.retriever = retriever;
        this.ttlNanos = ttl.toNanos();
        this.minRefreshNanos = minRefresh.toNanos();
        this.nanos = nanos;
    }

    /** Keys that never change: an inline key or a file's. */
    public static IssuerKeys fixed(JWKSet keys) {
        return new IssuerKeys(keys, null, null, Duration.ZERO, Duration.ZERO, System::nanoTime);
    }

    /** Keys fetched from an http(s) URL (a JWK set, or any form {@link KeyText} reads). */
    public static IssuerKeys fetched(URL url, Duration timeout, int maxBytes, Duration ttl, Duration minRefresh) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        return new IssuerKeys(
                null, url, new DefaultResourceRetriever(millis, millis, maxBytes), ttl, minRefresh, System::nanoTime);
    }

    /**
     * The keys that may have signed a token with this header (its {@code alg} was checked by the caller).
     *
     * @throws Unavailable when the keys are fetched from a URL and none could be fetched yet
     */
    public List<JWK> candidates(JWSHeader header) {
        if (fixed != null) {
            return select(fixed, header);
        }
        JWKSet keys = current();
        List<JWK> found = select(keys, header);
        if (found.isEmpty()) {
            JWKSet refreshed = refresh(keys, false);
            if (refreshed != keys) {
                found = select(refreshed, header);
            }
        }
        return found;
    }

    private JWKSet current() {
        JWKSet keys = fetched;
        if (keys != null && nanos.getAsLong() - fetchedAt < ttlNanos) {
            return keys;
        }
        // keys past their ttl are fetched again whatever minRefresh says; none at all only once per minRefresh
        JWKSet refreshed = refresh(keys, keys != null);
        if (refreshed == null) {
            throw new Unavailable("the issuer's keys could not be fetched");
        }
        return refreshed;
    }

    /**
     * Fetches again unless another thread just did, or (unless {@code expired}) the last try was less than
     * {@code minRefresh} ago. Returns what is current afterwards, the old keys when the fetch failed.
     */
    private synchronized JWKSet refresh(JWKSet seen, boolean expired) {
        if (fetched != seen) {
            return fetched;
        }
        long now = nanos.getAsLong();
        if (!expired) {
            if (tried && now - triedAt < minRefreshNanos) {
                return seen;
            }
            tried = true;
            triedAt = now;
        }
        try {
            fetched = KeyText.parse(retriever.retrieveResource(url).getContent());
            fetchedAt = nanos.getAsLong();
            if (seen == null) {
                // the first keys: a rotation right after them may fetch again at once
                tried = false;
            }
        } catch (IOException | RuntimeException e) {
            // never the URL's answer: it may echo what it was sent
            System.getLogger(IssuerKeys.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "the issuer''s keys could not be fetched from {0}: {1}",
                            url,
                            e.getClass().getSimpleName());
            if (seen != null) {
                fetchedAt = now; // keep using them for another ttl rather than fetching on every request
            }
        }
        return fetched;
    }

    private static List<JWK> select(JWKSet keys, JWSHeader header) {
        JWKMatcher matcher = new JWKMatcher.Builder(JWKMatcher.forJWSHeader(header))
                .keyIDs((Set<String>) null)
                .build();
        String kid = header.getKeyID();
        return keys.getKeys().stream()
                .filter(matcher::matches)
                .filter(key -> key.getKeyID() == null || kid == null || Objects.equals(kid, key.getKeyID()))
                .toList();
    }
}
