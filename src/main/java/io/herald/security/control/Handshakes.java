package io.herald.security.control;

import io.herald.security.entity.RateLimit;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The node's WebSocket handshake budget: at most {@code perSecond} a second, a second's worth at once.
 * A handshake costs about 1.6 ms of server CPU, so a reconnect storm would otherwise starve the
 * connections that are already open.
 */
public final class Handshakes {

    private final TokenBucket bucket;

    public Handshakes(int perSecond, LongSupplier nanos) {
        this.bucket =
                new TokenBucket(new RateLimit(perSecond, perSecond, Duration.ofSeconds(1), Integer.MAX_VALUE), nanos);
    }

    /** Takes one handshake from the budget; false when this second's budget is spent. */
    public boolean admit() {
        return bucket.take() == TokenBucket.Verdict.PASS;
    }
}
