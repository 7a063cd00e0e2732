package io.herald.security.control;

import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.RateLimit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Rate limits for requests that have no connection to hold a bucket ({@code POST /api/client}): one
 * bucket per caller (subject, else remote address), forgotten once it is full again, so the map holds
 * only the callers of the last window.
 */
public final class Throttles {

    private final RateLimit rate;
    private final Meters meters;
    private final LongSupplier nanos;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public Throttles(RateLimit rate, LongSupplier nanos, Meters meters) {
        this.meters = meters;
        this.rate = rate;
        this.nanos = nanos;
    }

    /**
     * Takes one token for {@code caller}.
     *
     * @throws Refusal rate_limited when the caller has none left
     */
    public void admit(String caller) {
        if (buckets.computeIfAbsent(caller, c -> new TokenBucket(rate, nanos)).take() != TokenBucket.Verdict.PASS) {
            meters.violation(ErrorCode.RATE_LIMITED.code());
            throw new Refusal(
                    ErrorCode.RATE_LIMITED,
                    "at most " + rate.limit() + " frames per " + rate.window() + "; retry later");
        }
    }

    /** Forgets the callers whose bucket is full again (called periodically). */
    public void sweep() {
        long now = nanos.getAsLong();
        buckets.values().removeIf(bucket -> bucket.idle(now));
    }

    int size() {
        return buckets.size();
    }
}
