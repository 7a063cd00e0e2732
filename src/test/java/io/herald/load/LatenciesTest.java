package io.herald.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Latencies")
class LatenciesTest {

    @Test
    void percentilesOfSmallValuesAreExact() {
        Latencies latencies = new Latencies();
        IntStream.rangeClosed(1, 1000).forEach(latencies::record);

        assertEquals(500, latencies.percentile(0.50));
        assertEquals(950, latencies.percentile(0.95));
        assertEquals(990, latencies.percentile(0.99));
        assertEquals(1000, latencies.percentile(1.0));
        assertEquals(1000, latencies.max());
        assertEquals(1000, latencies.count());
    }

    @Test
    void largeValuesAreWithinATenthOfAPercentAndNeverBelowTheTruth() {
        Latencies latencies = new Latencies();
        long[] values = {2_048, 12_345, 987_654, 33_000_000, 5_000_000_000L};
        for (long value : values) {
            Latencies one = new Latencies();
            one.record(value);
            one.record(1);
            long p99 = one.percentile(0.99);
            assertTrue(p99 >= value && p99 <= value * 1.001, value + " came out as " + p99);
            latencies.record(value);
        }
        assertEquals(5_000_000_000L, latencies.max());
    }

    @Test
    void aFewSlowSamplesShowInTheTailOnly() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 990; i++) {
            latencies.record(100);
        }
        for (int i = 0; i < 10; i++) {
            latencies.record(250_000);
        }

        assertEquals(100, latencies.percentile(0.50));
        assertEquals(100, latencies.percentile(0.99));
        assertTrue(latencies.percentile(0.995) >= 250_000);
    }

    @Test
    void anEmptyHistogramReportsZero() {
        assertEquals(0, new Latencies().percentile(0.99));
    }

    @Test
    void negativeSamplesCountAsZero() {
        Latencies latencies = new Latencies();
        latencies.record(-5);

        assertEquals(0, latencies.percentile(0.5));
    }

    @Test
    void bucketBoundsAreContiguous() {
        for (int i = 0; i < 40_000; i++) {
            long upper = Latencies.upper(Latencies.index(i));
            assertTrue(upper >= i, "value " + i + " has upper bound " + upper);
            assertEquals(Latencies.index(i), Latencies.index(upper));
        }
    }
}
