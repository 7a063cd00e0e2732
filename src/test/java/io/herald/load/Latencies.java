package io.herald.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A latency histogram in microseconds, safe to record into from many threads. Exact below 2,048 µs,
 * then 1,024 buckets per power of two (under 0.1 % error): percentiles of millions of samples without
 * keeping them. Rejected: HdrHistogram, one more dependency for forty lines.
 */
final class Latencies {

    private static final int LINEAR = 2048;
    private static final int SUB_BITS = 10;
    private static final int MAX_EXPONENT = 42;

    private final AtomicLongArray buckets = new AtomicLongArray(LINEAR + (MAX_EXPONENT - 10) * (1 << SUB_BITS));
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    void record(long micros) {
        long value = Math.max(0, micros);
        buckets.incrementAndGet(index(value));
        count.incrementAndGet();
        max.accumulateAndGet(value, Math::max);
    }

    long count() {
        return count.get();
    }

    long max() {
        return max.get();
    }

    /** The smallest recorded value that at least {@code fraction} of the samples do not exceed (0 when empty). */
    long percentile(double fraction) {
        long total = count.get();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return Math.min(upper(i), max.get());
            }
        }
        return max.get();
    }

    static int index(long value) {
        if (value < LINEAR) {
            return (int) value;
        }
        int exponent = Math.min(63 - Long.numberOfLeadingZeros(value), MAX_EXPONENT);
        if (exponent == MAX_EXPONENT) {
            return LINEAR + (MAX_EXPONENT - 11) * (1 << SUB_BITS) + (1 << SUB_BITS) - 1;
        }
        int sub = (int) (value >> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
        return LINEAR + (exponent - 11) * (1 << SUB_BITS) + sub;
    }

    /** The largest value that falls into bucket {@code index}: percentiles never look better than they were. */
    static long upper(int index) {
        if (index < LINEAR) {
            return index;
        }
        int exponent = 11 + (index - LINEAR) / (1 << SUB_BITS);
        int sub = (index - LINEAR) % (1 << SUB_BITS);
        long width = 1L << (exponent - SUB_BITS);
        return (1L << exponent) + sub * width + width - 1;
    }
}
