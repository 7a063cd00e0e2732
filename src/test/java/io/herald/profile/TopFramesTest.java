package io.herald.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopFramesTest {

    private final TopFrames frames = TopFrames.of(List.of(
            "[herald-writer-1 tid=41];Thread.run_[j];Writer.drain_[0];Outbox.poll_[i] 30",
            "[herald-writer-1 tid=41];Thread.run_[j];Writer.drain_[1];Tyrus.send_[j];Tyrus.send_[i] 50",
            "[http-thread-pool::http-listener(1) tid=52];Thread.run_[j];io/herald/Publish.post 20",
            "not a stack line"));

    @Test
    void countsSamplesPerPoolOfThreads() {
        assertEquals(100, frames.samples());
        assertEquals(80, frames.threads().get("herald-writer-N"));
        assertEquals(20, frames.threads().get("http-thread-pool::http-listener(N)"));
    }

    @Test
    void selfIsTheLeafAndTotalCountsARecursiveFrameOncePerStackWhateverItsTier() {
        assertEquals(50, frames.self().get("Tyrus.send"));
        assertEquals(50, frames.total().get("Tyrus.send"));
        assertEquals(100, frames.total().get("Thread.run"));
        assertEquals(80, frames.total().get("Writer.drain"));
        assertEquals(20, frames.self().get("io.herald.Publish.post"));
    }

    @Test
    void describesTheLargestFirstAsShares() {
        String text = frames.describe("cpu", 1);
        assertTrue(text.startsWith("== cpu: 100 samples\n"), text);
        assertTrue(text.contains(" 50.00 %  Tyrus.send\n"), text);
        assertTrue(text.contains("100.00 %  Thread.run\n"), text);
    }
}
