package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * One subscriber in one channel. It starts recovering: live publications are held back while the
 * history is read, then {@link #goLive} sends the subscribe reply followed by the held publications the
 * reply did not cover. That closes the gap between reading history and receiving live publications
 * without a lock shared by the hub and the broker.
 */
public final class Subscription {

    private record Held(Frame frame, long published) {}

    private final ChannelName channel;
    private final Subscriber subscriber;
    private volatile boolean live;
    private List<Held> held = new ArrayList<>();
    /** The newest position this subscriber was sent; null: none yet. */
    private Position seen;

    Subscription(ChannelName channel, Subscriber subscriber) {
        this.channel = channel;
        this.subscriber = subscriber;
    }

    public ChannelName channel() {
        return channel;
    }

    /**
     * Offers a publication frame; one this subscriber already has (same epoch, offset not newer) is
     * dropped, so a broker that fills a gap or replays after a reconnect never delivers twice.
     */
    void offer(Frame frame, long published) {
        synchronized (this) {
            if (!live) {
                held.add(new Held(frame, published));
                return;
            }
            if (!advance(frame.position())) {
                return;
            }
        }
        subscriber.send(frame, published);
    }

    /**
     * Sends {@code reply}, which covers the channel up to its position (none: it covers nothing), and
     * then every newer held publication.
     */
    public synchronized void goLive(Frame reply) {
        subscriber.send(reply, 0);
        seen = reply.position();
        for (Held h : held) {
            if (advance(h.frame().position())) {
                subscriber.send(h.frame(), h.published());
            }
        }
        held = null;
        live = true;
    }

    void lost() {
        subscriber.lost(channel);
    }

    private boolean advance(Position next) {
        if (seen != null && next.epoch().equals(seen.epoch()) && next.offset() <= seen.offset()) {
            return false;
        }
        seen = next;
        return true;
    }
}
