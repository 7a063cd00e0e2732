package io.herald.delivery.control;

import io.herald.delivery.entity.Frame;

/** What the hub delivers to: one connection, whatever its transport. Must not block. */
public interface Subscriber {

    /**
     * Queues a frame for this subscriber; the same frame value goes to every subscriber of a publication.
     *
     * @param published {@link System#nanoTime()} when the publication was handed to the hub, 0 for replies
     */
    void send(Frame frame, long published);

    /**
     * This node can no longer guarantee the subscriber every publication of {@code channel} (a gap the
     * history cannot fill): the subscriber should reconnect and resume, and will learn what was lost.
     */
    default void lost(io.herald.channel.entity.ChannelName channel) {}
}
