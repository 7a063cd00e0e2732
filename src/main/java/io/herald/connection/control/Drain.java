package io.herald.connection.control;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Moves the clients of a node that is stopping to other nodes, before the server closes the sockets
 * (docs/operations.md, "Shutdown"). In order: the node takes nothing new (readiness down, every request
 * refused with 503), waiting long-polls are answered, and each open connection is closed with 4001 at its
 * own moment of the window, evenly spread in random order up to its end, so that its clients reconnect
 * elsewhere as a steady stream instead of a storm (and a publish that was under way when the drain began
 * still reaches the first of them). A connection is closed only once what waits for it has been written,
 * so it has every publication it was sent and resumes after them; a client that does not read gets
 * {@code writeTimeout} more, then is closed anyway (it resumes from what it has).
 */
final class Drain {

    private static final System.Logger LOG = System.getLogger(Drain.class.getName());

    private final Connections connections;
    private final Polls polls;
    private final Duration window;
    private final Duration writeTimeout;

    Drain(Connections connections, Polls polls, Duration window, Duration writeTimeout) {
        this.connections = connections;
        this.polls = polls;
        this.window = window;
        this.writeTimeout = writeTimeout;
    }

    /** Returns once every connection is closed: after at most the window and the write timeout. */
    void run() {
        long start = System.nanoTime();
        connections.refuseNew();
        int answered = polls.answerWaiting();
        List<Connection> open = connections.snapshot();
        Collections.shuffle(open);
        LOG.log(
                System.Logger.Level.INFO,
                "Draining: {0} connections closed over {1}, {2} long-polls answered",
                open.size(),
                window,
                answered);
        for (int i = 0; i < open.size(); i++) {
            sleepUntil(start + window.toNanos() / open.size() * (i + 1));
            connections.retire(open.get(i));
        }
        long deadline = start + window.toNanos() + writeTimeout.toNanos();
        while (connections.size() > 0
                && System.nanoTime() < deadline
                && !Thread.currentThread().isInterrupted()) {
            sleepUntil(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
        }
        int late = connections.size();
        // clients that did not read their last writes in time, and any that opened as the drain began
        connections.shutdown();
        LOG.log(
                System.Logger.Level.INFO,
                "Drained in {0} ms; {1} connections closed before their last writes",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                late);
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
