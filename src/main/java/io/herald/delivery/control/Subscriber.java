package io.herald.delivery.control;

/** What the hub delivers to: one connection, whatever its transport. Must not block. */
public interface Subscriber {

    /**
     * Queues an encoded frame for this subscriber.
     *
     * @param published {@link System#nanoTime()} when the publication was handed to the hub, 0 for replies
     */
    void send(String frame, long published);
}
