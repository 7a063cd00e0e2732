package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;

/**
 * The seam between Herald and where publications live: in memory on one node, or Redis for a cluster.
 * A broker assigns positions, keeps history, remembers idempotency keys and hands every publication of
 * a channel this node follows, in offset order, to the {@link Listener} that follows it (the {@link Hub}).
 */
public interface Broker {

    /** Where a followed channel's publications go on this node. */
    interface Listener {

        /** One publication, called in offset order per channel. */
        void deliver(Publication publication);

        /** Publications of {@code channel} were lost on the way; its subscribers must resume over the gap. */
        void lose(ChannelName channel);
    }

    /** Stores and fans out one publication; the channel must already be validated. */
    Published publish(ChannelName channel, Publish request);

    /** What a subscriber that last saw {@code since} (null: nothing) missed in the channel. */
    Recovery recover(ChannelName channel, Position since);

    /** Whether publishing works right now (readiness). */
    boolean ready();

    /**
     * The channel has its first local subscriber: from now on hand its publications to {@code listener}.
     * Called in order with {@link #unfollow} per channel, possibly under the hub's lock, so it must not
     * block and must not call back into the hub.
     */
    void follow(ChannelName channel, Listener listener);

    /** The channel lost its last local subscriber: stop handing its publications to this node. */
    void unfollow(ChannelName channel);
}
