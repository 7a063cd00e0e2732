package io.herald.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all clients of one load run share: the delivery count, the latencies of the current measuring
 * window, and the newest offset published per channel (from the publishers' answers).
 */
final class Run {

    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final ConcurrentHashMap<String, Long> published = new ConcurrentHashMap<>();
    private volatile Latencies latencies = new Latencies();
    private volatile long windowStart = Long.MAX_VALUE;

    /** A publication stamped {@code sent} (System.nanoTime in this JVM) arrived {@code now}. */
    void delivered(long sent, long now) {
        delivered.increment();
        if (sent >= windowStart) {
            latencies.record((now - sent) / 1_000);
        }
    }

    /** Starts a measuring window: only publications stamped from now on count for latency. */
    Latencies window() {
        Latencies fresh = new Latencies();
        latencies = fresh;
        windowStart = System.nanoTime();
        return fresh;
    }

    long delivered() {
        return delivered.sum();
    }

    void failed() {
        failures.increment();
    }

    long failures() {
        return failures.sum();
    }

    void published(String channel, long offset) {
        published.merge(channel, offset, Math::max);
    }

    long lastPublished(String channel) {
        return published.getOrDefault(channel, 0L);
    }
}
