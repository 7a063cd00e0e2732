package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Publication;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local subscribers of each channel on this node. A publication is encoded once, here, and the
 * same frame is queued to every subscriber.
 */
public final class Hub {

    private final ConcurrentHashMap<ChannelName, Set<Subscription>> channels = new ConcurrentHashMap<>();

    public Subscription subscribe(ChannelName channel, Subscriber subscriber) {
        Subscription subscription = new Subscription(channel, subscriber);
        channels.compute(channel, (c, set) -> {
            Set<Subscription> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(subscription);
            return members;
        });
        return subscription;
    }

    public void unsubscribe(Subscription subscription) {
        channels.computeIfPresent(subscription.channel(), (c, set) -> {
            set.remove(subscription);
            return set.isEmpty() ? null : set;
        });
    }

    void deliver(Publication publication) {
        Set<Subscription> subscriptions = channels.get(publication.channel());
        if (subscriptions == null) {
            return;
        }
        long now = System.nanoTime();
        String frame = PublicationJson.frame(publication);
        for (Subscription subscription : subscriptions) {
            subscription.offer(publication.offset(), frame, now);
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
