package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.herald.metrics.control.Meters;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Outbox")
class OutboxTest {

    /** Runs the scheduled drains only when the test says so, on the test thread. */
    private static final class StepExecutor implements Executor {

        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int pending() {
            return tasks.size();
        }

        void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private final RecordingTransport transport = RecordingTransport.manual();
    private int overflows;
    private final List<Throwable> failures = new ArrayList<>();

    private Outbox outbox(Executor executor, long maxBytes, int maxBatchBytes) {
        return new Outbox(transport, executor, maxBytes, maxBatchBytes, Meters.none(), () -> overflows++,
                failures::add);
    }

    private Outbox outbox() {
        return outbox(Runnable::run, 1_000, 1_000);
    }

    @Test
    void writesAFrameAloneWhenNothingIsInFlight() {
        Outbox outbox = outbox();

        outbox.enqueue("{\"a\":1}", 0);

        assertEquals(List.of("{\"a\":1}"), transport.writes);
    }

    @Test
    void framesQueuedDuringAWriteLeaveTogetherInTheNextWriteInOrder() {
        Outbox outbox = outbox();
        outbox.enqueue("one", 0);

        outbox.enqueue("two", 0);
        outbox.enqueue("three", 0);
        outbox.enqueue("four", 0);
        assertEquals(List.of("one"), transport.writes, "one write in flight at a time");

        transport.complete();

        assertEquals(List.of("one", "two\nthree\nfour"), transport.writes);
        transport.complete();
        assertEquals(0, transport.inFlight());
    }

    @Test
    void writesEveryFrameExactlyOnce() {
        Outbox outbox = outbox();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String frame = "f" + i;
            sent.add(frame);
            outbox.enqueue(frame, 0);
            if (i % 3 == 0 && transport.inFlight() > 0) {
                transport.complete();
            }
        }
        while (transport.inFlight() > 0) {
            transport.complete();
        }

        assertEquals(sent, transport.frames());
        assertEquals(0, outbox.waiting());
    }

    @Test
    void schedulesOneDrainForManyFramesAndJoinsThem() {
        StepExecutor executor = new StepExecutor();
        Outbox outbox = outbox(executor, 1_000, 1_000);

        outbox.enqueue("a", 0);
        outbox.enqueue("b", 0);
        outbox.enqueue("c", 0);
        assertEquals(1, executor.pending());
        assertEquals(List.of(), transport.writes);

        executor.runAll();

        assertEquals(List.of("a\nb\nc"), transport.writes);
    }

    @Test
    void splitsWhatWaitsIntoWritesOfAboutTheBatchSize() {
        StepExecutor executor = new StepExecutor();
        Outbox outbox = outbox(executor, 1_000, 10);
        for (String frame : List.of("aaaa", "bbbb", "cccc", "dddd", "eeee")) {
            outbox.enqueue(frame, 0);
        }

        executor.runAll();
        transport.complete();
        executor.runAll();
        transport.complete();
        executor.runAll();
        transport.complete();

        assertEquals(List.of("aaaa\nbbbb", "cccc\ndddd", "eeee"), transport.writes);
    }

    @Test
    void countsWhatWaitsIncludingTheWriteInFlight() {
        Outbox outbox = outbox();
        outbox.enqueue("12345", 0);
        outbox.enqueue("678", 0);

        assertEquals(8, outbox.waiting());
        transport.complete();
        assertEquals(3, outbox.waiting());
        transport.complete();
        assertEquals(0, outbox.waiting());
    }

    @Test
    void overflowingCallsTheOverflowCallbackOnceAndDropsFurtherFrames() {
        Outbox outbox = outbox(Runnable::run, 10, 1_000);
        outbox.enqueue("12345", 0); // in flight
        outbox.enqueue("67890", 0); // waits: 10 characters, at the bound
        assertEquals(0, overflows);

        outbox.enqueue("x", 0);
        outbox.enqueue("y", 0);
        assertEquals(1, overflows);

        transport.complete();
        outbox.enqueue("z", 0);

        assertEquals(List.of("12345"), transport.writes, "nothing is written once overflowed");
        assertEquals(1, overflows);
        assertEquals(0, transport.inFlight());
    }

    @Test
    void aFailedWriteCallsTheFailureCallbackAndStopsWriting() {
        Outbox outbox = outbox();
        outbox.enqueue("one", 0);
        outbox.enqueue("two", 0);
        IOException broken = new IOException("broken pipe");

        transport.fail(broken);
        outbox.enqueue("three", 0);

        assertEquals(1, failures.size());
        assertSame(broken, failures.get(0));
        assertEquals(List.of("one"), transport.writes);
        assertEquals(0, overflows);
    }

    @Test
    void closingDropsWhatWaitsAndIgnoresNewFrames() {
        StepExecutor executor = new StepExecutor();
        Outbox outbox = outbox(executor, 1_000, 1_000);
        outbox.enqueue("one", 0);

        outbox.close();
        executor.runAll();
        outbox.enqueue("two", 0);
        executor.runAll();

        assertEquals(List.of(), transport.writes);
        assertEquals(0, overflows);
        assertEquals(List.of(), failures);
    }

    @Test
    void aLargeResumeReplyPassesWhenNothingElseWaitsButRepliesPilingUpOverflow() {
        Outbox outbox = outbox(Runnable::run, 10, 1_000);
        outbox.enqueue("a reply much longer than the bound", 0);
        assertEquals(0, overflows, "one reply alone may exceed the bound");
        outbox.enqueue("pong", 0);
        assertEquals(1, overflows, "replies that pile up behind it overflow");
    }

    @Test
    void publicationsAndRepliesAreBoundedSeparately() {
        Outbox outbox = outbox(Runnable::run, 10, 1_000);
        outbox.enqueue("reply-9ch", 0);
        outbox.enqueue("publica-9", 1);
        assertEquals(0, overflows);
        outbox.enqueue("xx", 1);
        assertEquals(1, overflows);
    }
}
