package io.herald.security.entity;

import java.time.Duration;

/**
 * How many frames or requests one client may send: {@code limit} per {@code window} on average, up to
 * {@code burst} at once; after {@code abuseThreshold} refusals within one window the client is abusive.
 */
public record RateLimit(int limit, int burst, Duration window, int abuseThreshold) {

    public static final RateLimit UNLIMITED =
            new RateLimit(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ofSeconds(1), Integer.MAX_VALUE);

    public RateLimit {
        if (limit < 1 || burst < 1 || abuseThreshold < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive limit, burst, window and threshold");
        }
    }

    public boolean unlimited() {
        return limit == Integer.MAX_VALUE;
    }
}
