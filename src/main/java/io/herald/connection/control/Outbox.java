package io.herald.connection.control;

import io.herald.delivery.entity.Frame;
import io.herald.metrics.control.Meters;
import io.herald.platform.Backlog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The frames waiting for one connection. Enqueuing never blocks: a writer thread drains the outbox,
 * handing what waits to the transport as one batch (about {@code maxBatchBytes}), with one write in
 * flight at a time. What waits is bounded: past the bound the connection is a slow consumer and is
 * closed, so one stalled client costs at most the bound in memory.
 */
final class Outbox {

    private record Item(Frame frame, long published) {}

    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int SENDING = 2;

    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong publications = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** What runs once nothing waits and no write is in flight (a drain closing the connection), once. */
    private final AtomicReference<Runnable> whenWritten = new AtomicReference<>();

    private final Transport transport;
    private final Backlog writers;
    private final long maxBytes;
    private final int maxBatchBytes;
    private final Meters meters;
    private final Runnable overflow;
    private final java.util.function.Consumer<Throwable> failure;
    private volatile boolean closed;
    /** The publication bytes this outbox added to the node's backlog; -1 once closed. Guarded by itself. */
    private final long[] counted = {0};

    Outbox(
            Transport transport,
            Backlog writers,
            long maxBytes,
            int maxBatchBytes,
            Meters meters,
            Runnable overflow,
            java.util.function.Consumer<Throwable> failure) {
        this.transport = transport;
        this.writers = writers;
        this.maxBytes = maxBytes;
        this.maxBatchBytes = maxBatchBytes;
        this.meters = meters;
        this.overflow = overflow;
        this.failure = failure;
    }

    void enqueue(Frame frame, long published) {
        if (closed) {
            return;
        }
        queue.add(new Item(frame, published));
        if (overflows(frame.json().length(), published != 0)) {
            close();
            overflow.run();
            return;
        }
        schedule();
    }

    /**
     * Publications and replies are bounded separately, each by {@code maxBytes}; a reply alone may be
     * larger (a resume that returns a full history), so a client that keeps up can always resume.
     */
    private boolean overflows(int length, boolean publication) {
        if (publication) {
            count(length);
            return publications.addAndGet(length) > maxBytes;
        }
        long waiting = replies.addAndGet(length);
        return waiting > maxBytes && waiting != length;
    }

    /** Characters waiting to be written (about bytes for the mostly ASCII frames). */
    long waiting() {
        return publications.get() + replies.get();
    }

    void close() {
        closed = true;
        queue.clear();
        long left;
        synchronized (counted) {
            left = Math.max(0, counted[0]);
            counted[0] = -1;
        }
        writers.queued(-left);
    }

    /**
     * Keeps the node's backlog in step with what this outbox holds; once closed, what it still held leaves
     * the backlog at once (the writes in flight end without it).
     */
    private void count(long delta) {
        synchronized (counted) {
            if (counted[0] < 0) {
                return;
            }
            counted[0] += delta;
        }
        writers.queued(delta);
    }

    /**
     * Runs {@code action} once everything enqueued until then has been written and nothing else waits: at
     * once if the outbox is empty. Never runs if the outbox is closed first (the connection ended anyway).
     */
    void whenWritten(Runnable action) {
        whenWritten.set(action);
        if (state.get() == IDLE && queue.isEmpty()) {
            idle();
        }
    }

    /** Called each time the outbox found itself empty and idle; more than one caller may race, one runs it. */
    private void idle() {
        Runnable action = whenWritten.getAndSet(null);
        if (action != null && !closed) {
            action.run();
        }
    }

    private void schedule() {
        if (state.compareAndSet(IDLE, SCHEDULED)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        if (closed) {
            state.set(IDLE);
            return;
        }
        List<Item> batch = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        int length = 0;
        Item item;
        while (length < maxBatchBytes && (item = queue.poll()) != null) {
            batch.add(item);
            frames.add(item.frame());
            // a newline between frames on WebSocket: the bound is the same whatever the transport
            length += item.frame().json().length() + 1;
        }
        if (batch.isEmpty()) {
            state.set(IDLE);
            if (!queue.isEmpty()) {
                schedule();
            } else {
                idle();
            }
            return;
        }
        state.set(SENDING);
        transport.write(frames, error -> written(batch, error));
    }

    private void written(List<Item> batch, Throwable error) {
        long written = 0;
        for (Item item : batch) {
            int length = item.frame().json().length();
            if (item.published() != 0) {
                publications.addAndGet(-length);
                written += length;
            } else {
                replies.addAndGet(-length);
            }
        }
        count(-written);
        if (error != null) {
            close();
            failure.accept(error);
            return;
        }
        meters.sent(batch.size());
        long now = System.nanoTime();
        for (Item item : batch) {
            if (item.published() != 0) {
                meters.latency(now - item.published());
            }
        }
        state.set(IDLE);
        if (!queue.isEmpty()) {
            schedule();
        } else {
            idle();
        }
    }
}
