package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;

/**
 * The seam between Herald and where publications live: in memory on one node, or Redis for a cluster.
 * A broker assigns positions, keeps history, remembers idempotency keys and hands every publication,
 * in offset order per channel, to the {@link Hub} of every node.
 */
public interface Broker {

    /** Stores and fans out one publication; the channel must already be validated. */
    Published publish(ChannelName channel, Publish request);

    /** What a subscriber that last saw {@code since} (null: nothing) missed in the channel. */
    Recovery recover(ChannelName channel, Position since);

    /** Whether publishing works right now (readiness). */
    boolean ready();
}
