package io.herald.security.control;

import io.herald.security.entity.RateLimit;
import java.util.function.LongSupplier;

/**
 * A token bucket for one client: it holds up to {@code burst} tokens, refilled at {@code limit} per
 * {@code window}; each frame takes one. Refusals are counted per window so that a client that keeps
 * sending into a refusal can be told apart from one that merely had a burst. Time comes from a clock in
 * nanoseconds, so that tests move it by hand. Rejected: a fixed window counter, which lets a client send
 * twice the limit across a window boundary.
 */
public final class TokenBucket {

    public enum Verdict {
        PASS,
        REFUSED,
        ABUSIVE
    }

    private final RateLimit rate;
    private final LongSupplier nanos;
    private final double tokensPerNano;
    private final long windowNanos;
    private double tokens;
    private long refilled;
    private int refusals;
    private long refusalsSince;

    public TokenBucket(RateLimit rate, LongSupplier nanos) {
        this.rate = rate;
        this.nanos = nanos;
        this.windowNanos = rate.window().toNanos();
        this.tokensPerNano = (double) rate.limit() / windowNanos;
        this.tokens = rate.burst();
        this.refilled = nanos.getAsLong();
        this.refusalsSince = refilled;
    }

    /** Takes one token: PASS, else REFUSED, or ABUSIVE once the refusals of this window reach the threshold. */
    public synchronized Verdict take() {
        if (rate.unlimited()) {
            return Verdict.PASS;
        }
        long now = nanos.getAsLong();
        tokens = Math.min(rate.burst(), tokens + (now - refilled) * tokensPerNano);
        refilled = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.PASS;
        }
        if (now - refusalsSince >= windowNanos) {
            refusals = 0;
            refusalsSince = now;
        }
        refusals++;
        return refusals >= rate.abuseThreshold() ? Verdict.ABUSIVE : Verdict.REFUSED;
    }

    /** Whether the bucket is full again at {@code now}: forgetting it then loses nothing. */
    synchronized boolean idle(long now) {
        return tokens + (now - refilled) * tokensPerNano >= rate.burst() && now - refusalsSince >= windowNanos;
    }
}
