package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Quotas and Throttles")
class QuotasTest {

    private final Quotas quotas = new Quotas(2, 3);

    @Test
    void aUserGetsItsQuotaFromAnyAddress() {
        assertEquals(Quotas.Exceeded.NONE, quotas.acquire("alice", "10.0.0.1"));
        assertEquals(Quotas.Exceeded.NONE, quotas.acquire("alice", "10.0.0.2"));
        assertEquals(Quotas.Exceeded.USER, quotas.acquire("alice", "10.0.0.3"));
        assertEquals(Quotas.Exceeded.NONE, quotas.acquire("bob", "10.0.0.1"));
        assertEquals(3, QuotaRoom.atAddress(quotas, "10.0.0.3"), "a refused connection is not counted");
    }

    @Test
    void anAddressGetsItsQuotaWhoeverConnects() {
        assertEquals(Quotas.Exceeded.NONE, quotas.acquire(null, "10.0.0.1"));
        assertEquals(Quotas.Exceeded.NONE, quotas.acquire(null, "10.0.0.1"));
        assertEquals(Quotas.Exceeded.NONE, quotas.acquire("alice", "10.0.0.1"));
        assertEquals(Quotas.Exceeded.ADDRESS, quotas.acquire("bob", "10.0.0.1"));
        assertEquals(2, QuotaRoom.forUser(quotas, "bob"));
    }

    @Test
    void anonymousConnectionsShareNoUserQuota() {
        Quotas wide = new Quotas(1, 100);
        for (int i = 0; i < 10; i++) {
            assertEquals(Quotas.Exceeded.NONE, wide.acquire(null, "10.0.0.1"));
        }
    }

    @Test
    void releasingGivesTheSlotBackAndForgetsEmptyEntries() {
        quotas.acquire("alice", "10.0.0.1");
        quotas.acquire("alice", "10.0.0.1");
        quotas.release("alice", "10.0.0.1");
        assertEquals(Quotas.Exceeded.NONE, quotas.acquire("alice", "10.0.0.2"));
        quotas.release("alice", "10.0.0.1");
        quotas.release("alice", "10.0.0.2");
        assertEquals(2, QuotaRoom.forUser(quotas, "alice"));
        assertEquals(3, QuotaRoom.atAddress(quotas, "10.0.0.1"));
        quotas.release("alice", "10.0.0.1");
        assertEquals(2, QuotaRoom.forUser(quotas, "alice"), "never below zero");
        assertEquals(3, QuotaRoom.atAddress(quotas, "10.0.0.1"), "never below zero");
    }

    @Test
    void throttlesLimitEachCallerApartAndForgetIdleOnes() {
        long[] now = {0};
        Throttles throttles =
                new Throttles(new RateLimit(60, 2, Duration.ofMinutes(1), 10), () -> now[0], Meters.none());
        throttles.admit("user alice");
        throttles.admit("user alice");
        Refusal refusal = assertThrows(Refusal.class, () -> throttles.admit("user alice"));
        assertEquals(ErrorCode.RATE_LIMITED, refusal.code());
        assertEquals(429, refusal.code().httpStatus());
        throttles.admit("address 10.0.0.1");
        assertEquals(2, throttles.size());
        now[0] += Duration.ofMinutes(2).toNanos();
        throttles.sweep();
        assertEquals(0, throttles.size());
    }
}
