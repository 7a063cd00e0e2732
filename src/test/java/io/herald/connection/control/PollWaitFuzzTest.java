package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.herald.channel.control.Namespaces;
import io.herald.connection.entity.HttpLimits;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code wait} of a poll, as the query brings it: a duration from zero to the cap, or invalid_field; never
 * slow, whatever the exponent. Regression inputs: {@code PollWaitFuzzTestInputs/waits/}.
 */
class PollWaitFuzzTest {

    private static final Duration CAP = Duration.ofSeconds(60);
    private static final Polls POLLS = polls();

    private static Polls polls() {
        Namespaces namespaces = new Namespaces(Map.of(), 255);
        MemoryBroker broker = new MemoryBroker(namespaces, Duration.ofMinutes(5), 100, Clock.systemUTC());
        return new Polls(
                namespaces,
                broker,
                new Hub(broker),
                new Limits(65536, 4, 1_000_000, 65536, Duration.ofSeconds(25), Duration.ofSeconds(60), 100),
                new HttpLimits(Duration.ofSeconds(25), CAP, 10, 10, Duration.ofSeconds(1)),
                Meters.none(),
                Runnable::run,
                java.time.Clock.systemUTC());
    }

    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({"e", "E", ".", "-", "+", "999999999", "0.001"})
    void waits(byte[] input) {
        String wait = new String(input, StandardCharsets.UTF_8);
        try {
            Duration duration = POLLS.wait(wait);
            assertTrue(!duration.isNegative() && duration.compareTo(CAP) <= 0, wait + " -> " + duration);
        } catch (Refusal refusal) {
            assertEquals(ErrorCode.INVALID_FIELD, refusal.code(), wait);
        }
    }
}
