package io.herald.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tally")
class TallyTest {

    private final Tally tally = new Tally();

    @Test
    void consecutiveOffsetsLoseNothing() {
        tally.subscribed("news:a", 4, "e1", false);

        assertEquals(Tally.Outcome.NEXT, tally.publication("news:a", 5, "e1"));
        assertEquals(Tally.Outcome.NEXT, tally.publication("news:a", 6, "e1"));

        assertEquals(0, tally.lost());
        assertEquals(2, tally.received());
        assertEquals(new Tally.Position(6, "e1"), tally.position("news:a"));
    }

    @Test
    void aJumpCountsTheSkippedOffsetsAsLost() {
        tally.subscribed("news:a", 0, "e1", false);
        tally.publication("news:a", 1, "e1");

        assertEquals(Tally.Outcome.GAP, tally.publication("news:a", 4, "e1"));

        assertEquals(2, tally.lost());
    }

    @Test
    void anOffsetSeenBeforeIsADuplicate() {
        tally.subscribed("news:a", 0, "e1", false);
        tally.publication("news:a", 1, "e1");
        tally.publication("news:a", 2, "e1");

        assertEquals(Tally.Outcome.DUPLICATE, tally.publication("news:a", 2, "e1"));
        assertEquals(Tally.Outcome.DUPLICATE, tally.publication("news:a", 1, "e1"));

        assertEquals(2, tally.duplicates());
        assertEquals(new Tally.Position(2, "e1"), tally.position("news:a"));
    }

    @Test
    void aRecoveredResumeWithItsPublicationsLosesNothing() {
        tally.subscribed("news:a", 3, "e1", false);
        tally.publication("news:a", 4, "e1");
        tally.publication("news:a", 5, "e1");

        tally.subscribed("news:a", 5, "e1", true);

        assertEquals(0, tally.lost());
        assertEquals(0, tally.unrecovered());
    }

    @Test
    void aResumeThatIsNotRecoveredLosesTheGap() {
        tally.subscribed("news:a", 3, "e1", false);

        tally.subscribed("news:a", 10, "e1", false);

        assertEquals(1, tally.unrecovered());
        assertEquals(7, tally.lost());
    }

    @Test
    void theEndCountsWhatNeverArrived() {
        tally.subscribed("news:a", 0, "e1", false);
        tally.publication("news:a", 1, "e1");

        assertEquals(9, tally.settle("news:a", 10));
        assertEquals(0, tally.settle("news:a", 10));

        assertEquals(9, tally.lost());
    }

    @Test
    void channelsAreCountedApart() {
        tally.subscribed("news:a", 0, "e1", false);
        tally.subscribed("news:b", 7, "e2", false);

        tally.publication("news:a", 1, "e1");
        tally.publication("news:b", 8, "e2");

        assertEquals(0, tally.lost());
    }

    @Test
    void aPublicationAfterUnsubscribingIsUnexpected() {
        tally.subscribed("news:a", 0, "e1", false);
        tally.unsubscribed("news:a");

        assertEquals(Tally.Outcome.UNEXPECTED, tally.publication("news:a", 1, "e1"));

        assertEquals(1, tally.unexpected());
    }

    @Test
    void aNewEpochStartsCountingAgain() {
        tally.subscribed("news:a", 40, "e1", false);

        assertEquals(Tally.Outcome.NEW_EPOCH, tally.publication("news:a", 1, "e2"));
        assertEquals(Tally.Outcome.NEXT, tally.publication("news:a", 2, "e2"));

        assertEquals(0, tally.lost());
    }
}
