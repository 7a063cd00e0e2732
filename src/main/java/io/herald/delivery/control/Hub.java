package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Publication;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local subscribers of each channel on this node. A publication is encoded once, here, and the
 * same frame is queued to every subscriber.
 */
public final class Hub {

    /** Told when a channel gains its first or loses its last local subscriber (a cluster broker follows it). */
    public interface Watcher {
        void changed(ChannelName channel);
    }

    private final ConcurrentHashMap<ChannelName, Set<Subscription>> channels = new ConcurrentHashMap<>();
    private volatile Watcher watcher = channel -> { };

    public void watch(Watcher watcher) {
        this.watcher = watcher;
    }

    public Subscription subscribe(ChannelName channel, Subscriber subscriber) {
        Subscription subscription = new Subscription(channel, subscriber);
        boolean[] first = {false};
        channels.compute(channel, (c, set) -> {
            first[0] = set == null;
            Set<Subscription> members = first[0] ? ConcurrentHashMap.newKeySet() : set;
            members.add(subscription);
            return members;
        });
        if (first[0]) {
            watcher.changed(channel);
        }
        return subscription;
    }

    public void unsubscribe(Subscription subscription) {
        boolean[] last = {false};
        channels.computeIfPresent(subscription.channel(), (c, set) -> {
            set.remove(subscription);
            last[0] = set.isEmpty();
            return last[0] ? null : set;
        });
        if (last[0]) {
            watcher.changed(subscription.channel());
        }
    }

    /** Hands a publication to the local subscribers of its channel, in the order the broker calls it. */
    public void deliver(Publication publication) {
        Set<Subscription> subscriptions = channels.get(publication.channel());
        if (subscriptions == null) {
            return;
        }
        long now = System.nanoTime();
        Frame frame = DeliveryJson.publication(publication);
        for (Subscription subscription : subscriptions) {
            subscription.offer(frame, now);
        }
    }

    /** Tells every local subscriber of {@code channel} that its delivery has a gap it must resume over. */
    public void lose(ChannelName channel) {
        Set<Subscription> subscriptions = channels.get(channel);
        if (subscriptions != null) {
            for (Subscription subscription : subscriptions) {
                subscription.lost();
            }
        }
    }

    public boolean hasSubscribers(ChannelName channel) {
        return channels.containsKey(channel);
    }

    public long subscriptions() {
        long count = 0;
        for (Set<Subscription> set : channels.values()) {
            count += set.size();
        }
        return count;
    }
}
