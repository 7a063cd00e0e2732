package io.herald.security.control;

import static io.herald.security.control.TokenBucket.Verdict.ABUSIVE;
import static io.herald.security.control.TokenBucket.Verdict.PASS;
import static io.herald.security.control.TokenBucket.Verdict.REFUSED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.security.entity.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TokenBucket")
class TokenBucketTest {

    /** 60 a minute (one a second), 5 at once, abusive at the 3rd refusal of a minute. */
    private static final RateLimit RATE = new RateLimit(60, 5, Duration.ofMinutes(1), 3);

    private long now = 1_000_000_000L;
    private final TokenBucket bucket = new TokenBucket(RATE, () -> now);

    private void advance(Duration by) {
        now += by.toNanos();
    }

    private List<TokenBucket.Verdict> take(int times) {
        List<TokenBucket.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            verdicts.add(bucket.take());
        }
        return verdicts;
    }

    @Test
    void aFullBucketPassesTheBurstThenRefuses() {
        assertEquals(List.of(PASS, PASS, PASS, PASS, PASS, REFUSED), take(6));
    }

    @Test
    void tokensComeBackAtTheRateOfTheLimit() {
        take(5);
        advance(Duration.ofMillis(999));
        assertEquals(REFUSED, bucket.take(), "not a whole token yet");
        advance(Duration.ofMillis(1));
        assertEquals(PASS, bucket.take());
        assertEquals(REFUSED, bucket.take());
        advance(Duration.ofSeconds(2));
        assertEquals(List.of(PASS, PASS), take(2));
        assertEquals(ABUSIVE, bucket.take(), "the third refusal within the minute");
    }

    @Test
    void aLongPauseRefillsOnlyUpToTheBurst() {
        take(5);
        advance(Duration.ofHours(1));
        assertEquals(List.of(PASS, PASS, PASS, PASS, PASS, REFUSED), take(6));
    }

    @Test
    void aClientSendingSteadilyAtTheLimitIsNeverRefused() {
        for (int second = 0; second < 600; second++) {
            advance(Duration.ofSeconds(1));
            assertEquals(PASS, bucket.take(), "second " + second);
        }
    }

    @Test
    void keepingOnSendingIntoRefusalsWithinAWindowIsAbusive() {
        take(5);
        assertEquals(List.of(REFUSED, REFUSED, ABUSIVE, ABUSIVE), take(4));
    }

    @Test
    void refusalsAreCountedPerWindow() {
        take(5);
        assertEquals(List.of(REFUSED, REFUSED), take(2));
        advance(Duration.ofSeconds(61));
        take(5);
        assertEquals(List.of(REFUSED, REFUSED), take(2), "the refusals of the last window are forgotten");
    }

    @Test
    void anUnlimitedBucketAlwaysPasses() {
        TokenBucket unlimited = new TokenBucket(RateLimit.UNLIMITED, () -> now);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(PASS, unlimited.take());
        }
    }

    @Test
    void aBucketIsIdleOnceFullAgainAndItsRefusalWindowHasPassed() {
        take(6);
        assertEquals(false, bucket.idle(now));
        advance(Duration.ofSeconds(5));
        assertEquals(false, bucket.idle(now), "full, but a refusal was this window");
        advance(Duration.ofSeconds(60));
        assertEquals(true, bucket.idle(now));
    }
}
