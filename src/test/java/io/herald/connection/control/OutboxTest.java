package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.herald.delivery.entity.Frame;
import io.herald.metrics.control.Meters;
import io.herald.platform.Backlog;
import java.io.IOException;
import java.time.Duration;
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

    private Backlog backlog;

    private Outbox outbox(Executor executor, long maxBytes, int maxBatchBytes) {
        backlog = new Backlog(executor, Long.MAX_VALUE, Duration.ofDays(1));
        return new Outbox(transport, backlog, maxBytes, maxBatchBytes, Meters.none(), () -> overflows++, failures::add);
    }

    private Outbox outbox() {
        return outbox(Runnable::run, 1_000, 1_000);
    }

    @Test
    void writesAFrameAloneWhenNothingIsInFlight() {
        Outbox outbox = outbox();

        outbox.enqueue(new Frame("{\"a\":1}"), 0);

        assertEquals(List.of(List.of("{\"a\":1}")), transport.writes);
    }

    @Test
    void framesQueuedDuringAWriteLeaveTogetherInTheNextWriteInOrder() {
        Outbox outbox = outbox();
        outbox.enqueue(new Frame("one"), 0);

        outbox.enqueue(new Frame("two"), 0);
        outbox.enqueue(new Frame("three"), 0);
        outbox.enqueue(new Frame("four"), 0);
        assertEquals(List.of(List.of("one")), transport.writes, "one write in flight at a time");

        transport.complete();

        assertEquals(List.of(List.of("one"), List.of("two", "three", "four")), transport.writes);
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
            outbox.enqueue(new Frame(frame), 0);
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

        outbox.enqueue(new Frame("a"), 0);
        outbox.enqueue(new Frame("b"), 0);
        outbox.enqueue(new Frame("c"), 0);
        assertEquals(1, executor.pending());
        assertEquals(List.of(), transport.writes);

        executor.runAll();

        assertEquals(List.of(List.of("a", "b", "c")), transport.writes);
    }

    @Test
    void splitsWhatWaitsIntoWritesOfAboutTheBatchSize() {
        StepExecutor executor = new StepExecutor();
        Outbox outbox = outbox(executor, 1_000, 10);
        for (String frame : List.of("aaaa", "bbbb", "cccc", "dddd", "eeee")) {
            outbox.enqueue(new Frame(frame), 0);
        }

        executor.runAll();
        transport.complete();
        executor.runAll();
        transport.complete();
        executor.runAll();
        transport.complete();

        assertEquals(List.of(List.of("aaaa", "bbbb"), List.of("cccc", "dddd"), List.of("eeee")), transport.writes);
    }

    @Test
    void countsWhatWaitsIncludingTheWriteInFlight() {
        Outbox outbox = outbox();
        outbox.enqueue(new Frame("12345"), 0);
        outbox.enqueue(new Frame("678"), 0);

        assertEquals(8, outbox.waiting());
        transport.complete();
        assertEquals(3, outbox.waiting());
        transport.complete();
        assertEquals(0, outbox.waiting());
    }

    @Test
    void overflowingCallsTheOverflowCallbackOnceAndDropsFurtherFrames() {
        Outbox outbox = outbox(Runnable::run, 10, 1_000);
        outbox.enqueue(new Frame("12345"), 0); // in flight
        outbox.enqueue(new Frame("67890"), 0); // waits: 10 characters, at the bound
        assertEquals(0, overflows);

        outbox.enqueue(new Frame("x"), 0);
        outbox.enqueue(new Frame("y"), 0);
        assertEquals(1, overflows);

        transport.complete();
        outbox.enqueue(new Frame("z"), 0);

        assertEquals(List.of(List.of("12345")), transport.writes, "nothing is written once overflowed");
        assertEquals(1, overflows);
        assertEquals(0, transport.inFlight());
    }

    @Test
    void aFailedWriteCallsTheFailureCallbackAndStopsWriting() {
        Outbox outbox = outbox();
        outbox.enqueue(new Frame("one"), 0);
        outbox.enqueue(new Frame("two"), 0);
        IOException broken = new IOException("broken pipe");

        transport.fail(broken);
        outbox.enqueue(new Frame("three"), 0);

        assertEquals(1, failures.size());
        assertSame(broken, failures.get(0));
        assertEquals(List.of(List.of("one")), transport.writes);
        assertEquals(0, overflows);
    }

    @Test
    void closingDropsWhatWaitsAndIgnoresNewFrames() {
        StepExecutor executor = new StepExecutor();
        Outbox outbox = outbox(executor, 1_000, 1_000);
        outbox.enqueue(new Frame("one"), 0);

        outbox.close();
        executor.runAll();
        outbox.enqueue(new Frame("two"), 0);
        executor.runAll();

        assertEquals(List.of(), transport.writes);
        assertEquals(0, overflows);
        assertEquals(List.of(), failures);
    }

    @Test
    void aLargeResumeReplyPassesWhenNothingElseWaitsButRepliesPilingUpOverflow() {
        Outbox outbox = outbox(Runnable::run, 10, 1_000);
        outbox.enqueue(new Frame("a reply much longer than the bound"), 0);
        assertEquals(0, overflows, "one reply alone may exceed the bound");
        outbox.enqueue(new Frame("pong"), 0);
        assertEquals(1, overflows, "replies that pile up behind it overflow");
    }

    @Test
    void publicationsAndRepliesAreBoundedSeparately() {
        Outbox outbox = outbox(Runnable::run, 10, 1_000);
        outbox.enqueue(new Frame("reply-9ch"), 0);
        outbox.enqueue(new Frame("publica-9"), 1);
        assertEquals(0, overflows);
        outbox.enqueue(new Frame("xx"), 1);
        assertEquals(1, overflows);
    }

    @Test
    void whenWrittenRunsAtOnceWhenNothingWaits() {
        Outbox outbox = outbox();
        List<String> done = new ArrayList<>();

        outbox.whenWritten(() -> done.add("flushed"));

        assertEquals(List.of("flushed"), done);
    }

    @Test
    void whenWrittenRunsOnceTheWriteInFlightAndEverythingQueuedBehindItAreWritten() {
        Outbox outbox = outbox();
        List<String> done = new ArrayList<>();
        outbox.enqueue(new Frame("one"), 1);
        outbox.enqueue(new Frame("two"), 1);

        outbox.whenWritten(() -> done.add("flushed after " + transport.frames()));
        assertEquals(List.of(), done, "a write is in flight");
        transport.complete();
        assertEquals(List.of(), done, "two is being written");
        transport.complete();

        assertEquals(List.of("flushed after [one, two]"), done);
        outbox.enqueue(new Frame("three"), 1);
        transport.complete();
        assertEquals(1, done.size(), "it runs once");
    }

    @Test
    void whenWrittenNeverRunsForAnOutboxClosedFirst() {
        Outbox outbox = outbox();
        List<String> done = new ArrayList<>();
        outbox.enqueue(new Frame("one"), 1);
        outbox.whenWritten(() -> done.add("flushed"));

        outbox.close();
        transport.complete();

        assertEquals(List.of(), done);
    }

    @Test
    void theNodesBacklogCountsWhatWaitsForClientsUntilWrittenOrClosed() {
        Outbox outbox = outbox();

        outbox.enqueue(new Frame("{\"a\":1}"), 1);
        outbox.enqueue(new Frame("{\"b\":22}"), 1);
        outbox.enqueue(new Frame("{\"type\":\"pong\"}"), 0);
        assertEquals(15, backlog.bytes(), "two publications wait, the reply is not counted");

        transport.complete();
        assertEquals(8, backlog.bytes(), "the first publication was written");

        outbox.close();
        assertEquals(0, backlog.bytes(), "what a closed outbox held leaves the backlog");
        transport.complete();
        assertEquals(0, backlog.bytes(), "and the write in flight does not take it off twice");
    }
}
