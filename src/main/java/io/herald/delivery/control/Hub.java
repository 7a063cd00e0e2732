package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Publication;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local subscribers of each channel on this node. A publication is encoded once, here, and the
 * same frame is queued to every subscriber. The hub follows a channel at the broker while it has local
 * subscribers; the broker is given to it at construction and never knows the hub but as its listener.
 */
public final class Hub implements Broker.Listener {

    private final ConcurrentHashMap<ChannelName, Set<Subscription>> channels = new ConcurrentHashMap<>();
    private final Broker broker;

    public Hub(Broker broker) {
        this.broker = broker;
    }

    /**
     * Follows the channel at the broker on its first subscriber. Inside {@code compute}, so the follows and
     * unfollows of one channel reach the broker in the order of its first and last subscribers (called
     * after it, a quick unsubscribe and subscribe could arrive swapped and leave the channel unfollowed).
     */
    public Subscription subscribe(ChannelName channel, Subscriber subscriber) {
        Subscription subscription = new Subscription(channel, subscriber);
        channels.compute(channel, (c, set) -> {
            Set<Subscription> members = set == null ? ConcurrentHashMap.newKeySet() : set;
            members.add(subscription);
            if (set == null) {
                broker.follow(c, this);
            }
            return members;
        });
        return subscription;
    }

    /** Unfollows the channel at the broker on its last subscriber, in order with subscribe (see there). */
    public void unsubscribe(Subscription subscription) {
        channels.computeIfPresent(subscription.channel(), (c, set) -> {
            set.remove(subscription);
            if (set.isEmpty()) {
                broker.unfollow(c);
                return null;
            }
            return set;
        });
    }

    /** Hands a publication to the local subscribers of its channel, in the order the broker calls it. */
    @Override
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
    @Override
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
