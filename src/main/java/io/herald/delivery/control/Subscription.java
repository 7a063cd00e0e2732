package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import java.util.ArrayList;
import java.util.List;

/**
 * One subscriber in one channel. It starts recovering: live publications are held back while the
 * history is read, then {@link #goLive} sends the subscribe reply followed by the held publications the
 * reply did not cover. That closes the gap between reading history and receiving live publications
 * without a lock shared by the hub and the broker.
 */
public final class Subscription {

    private record Held(long offset, String epoch, String frame, long published) {
    }

    private final ChannelName channel;
    private final Subscriber subscriber;
    private volatile boolean live;
    private List<Held> held = new ArrayList<>();
    private String epoch;
    private long offset;

    Subscription(ChannelName channel, Subscriber subscriber) {
        this.channel = channel;
        this.subscriber = subscriber;
    }

    public ChannelName channel() {
        return channel;
    }

    /**
     * Offers a publication; one this subscriber already has (same epoch, offset not newer) is dropped,
     * so a broker that fills a gap or replays after a reconnect never delivers twice.
     */
    void offer(long offset, String epoch, String frame, long published) {
        synchronized (this) {
            if (!live) {
                held.add(new Held(offset, epoch, frame, published));
                return;
            }
            if (!advance(offset, epoch)) {
                return;
            }
        }
        subscriber.send(frame, published);
    }

    /** Sends {@code reply} (which covers the channel up to {@code covered}) and then every newer held publication. */
    public synchronized void goLive(String reply, long covered, String coveredEpoch) {
        subscriber.send(reply, 0);
        offset = covered;
        epoch = coveredEpoch;
        for (Held h : held) {
            if (advance(h.offset(), h.epoch())) {
                subscriber.send(h.frame(), h.published());
            }
        }
        held = null;
        live = true;
    }

    void lost() {
        subscriber.lost(channel);
    }

    private boolean advance(long next, String nextEpoch) {
        if (nextEpoch.equals(epoch) && next <= offset) {
            return false;
        }
        offset = next;
        epoch = nextEpoch;
        return true;
    }
}
