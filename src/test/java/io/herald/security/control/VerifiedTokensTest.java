package io.herald.security.control;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.security.entity.Identity;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    final Identity alice = new Identity("alice", Set.of(), false, null);

    @Test
    void aTokenIsFoundUntilItIsNoLongerValid() {
        VerifiedTokens tokens = new VerifiedTokens(10);
        tokens.keep("t", alice, 100, 0);
        assertSame(alice, tokens.find("t", 99));
        assertNull(tokens.find("t", 100));
        assertNull(tokens.find("t", 99), "dropped once found expired");
        assertNull(tokens.find("other", 0));
    }

    @Test
    void noMoreThanTheCapacityIsKept() {
        VerifiedTokens tokens = new VerifiedTokens(100);
        IntStream.range(0, 1_000).forEach(i -> tokens.keep("t" + i, alice, 100, 0));
        long kept = IntStream.range(0, 1_000)
                .filter(i -> tokens.find("t" + i, 0) != null)
                .count();
        assertTrue(kept <= 100 && kept > 0, kept + " kept");
        assertSame(alice, tokens.find("t999", 0), "the newest is always kept");
    }

    @Test
    void nothingIsKeptWithCapacityZeroOrWhenAlreadyExpired() {
        VerifiedTokens none = new VerifiedTokens(0);
        none.keep("t", alice, 100, 0);
        assertNull(none.find("t", 0));
        VerifiedTokens some = new VerifiedTokens(10);
        some.keep("t", alice, 100, 100);
        assertNull(some.find("t", 0));
    }
}
