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

    private record Held(long offset, String frame, long published) {
    }

    private final ChannelName channel;
    private final Subscriber subscriber;
    private volatile boolean live;
    private List<Held> held = new ArrayList<>();

    Subscription(ChannelName channel, Subscriber subscriber) {
        this.channel = channel;
        this.subscriber = subscriber;
    }

    public ChannelName channel() {
        return channel;
    }

    void offer(long offset, String frame, long published) {
        if (!live) {
            synchronized (this) {
                if (!live) {
                    held.add(new Held(offset, frame, published));
                    return;
                }
            }
        }
        subscriber.send(frame, published);
    }

    /** Sends {@code reply} (which covers offsets up to {@code covered}) and then every newer held publication. */
    public synchronized void goLive(String reply, long covered) {
        subscriber.send(reply, 0);
        for (Held h : held) {
            if (h.offset() > covered) {
                subscriber.send(h.frame(), h.published());
            }
        }
        held = null;
        live = true;
    }
}
