package io.herald.platform;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What waits to be written on this node: the bytes of publications queued for clients, and how long work
 * waits for a writer thread. Publishing asks {@link #overloaded()} first, so that a node that cannot keep
 * up refuses new publications (503 {@code overloaded}, Retry-After) instead of queueing minutes of them:
 * the backlog, and with it every client's latency and the heap, stays bounded.
 *
 * <p>Two signals, because a backlog sits in one of two places. When the writers are saturated (one core
 * fanning out faster than it can write) outboxes wait for a writer: the writer delay grows while the bytes
 * stay moderate. When clients read slower than the node writes, the writes wait in the container and the
 * bytes grow in the outboxes. Rejected: closing the slowest connections first (under a saturated core every
 * connection is equally behind, and closing them all starts a reconnect storm on the same core) and a
 * bound on publications per second (the rate a node sustains depends on subscribers, payloads and the
 * server).
 */
public final class Backlog implements Executor {

    private final Executor writers;
    private final long maxBytes;
    private final long maxDelayNanos;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private volatile long lastDelay;
    private volatile long lastStart = System.nanoTime();

    /** {@code writers}: the executor the outboxes drain on; the limits are the node's, never per connection. */
    public Backlog(Executor writers, long maxBytes, java.time.Duration maxDelay) {
        this.writers = writers;
        this.maxBytes = maxBytes;
        this.maxDelayNanos = maxDelay.toNanos();
    }

    /** Runs {@code task} on a writer, noting how long it waited for one. */
    @Override
    public void execute(Runnable task) {
        long queued = System.nanoTime();
        pending.incrementAndGet();
        try {
            writers.execute(() -> {
                long now = System.nanoTime();
                lastDelay = now - queued;
                lastStart = now;
                pending.decrementAndGet();
                task.run();
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            throw e;
        }
    }

    /** Publication bytes queued (positive) or written or dropped (negative) for some client. */
    public void queued(long delta) {
        bytes.addAndGet(delta);
    }

    public long bytes() {
        return bytes.get();
    }

    /**
     * Work waits for a writer, and the last task a writer took had waited longer than the limit, or no
     * writer has taken one for that long.
     */
    public boolean delayed() {
        if (pending.get() <= 0) {
            return false;
        }
        return lastDelay > maxDelayNanos || System.nanoTime() - lastStart > maxDelayNanos;
    }

    public boolean overloaded() {
        return bytes.get() > maxBytes || delayed();
    }
}
