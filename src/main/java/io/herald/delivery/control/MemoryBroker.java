package io.herald.delivery.control;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.Namespace;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node broker: history and idempotency keys in this JVM. Each channel's log is the lock
 * under which an offset is assigned and the publication handed to the channel's listener (the hub), so
 * subscribers see publications in offset order. Following is a map entry: there is no other node to tell.
 */
public final class MemoryBroker implements Broker {

    private final ConcurrentHashMap<ChannelName, ChannelLog> logs = new ConcurrentHashMap<>();
    private final Namespaces namespaces;
    private final ConcurrentHashMap<ChannelName, Listener> followers = new ConcurrentHashMap<>();
    private final IdempotencyKeys keys;
    private final Clock clock;

    public MemoryBroker(Namespaces namespaces, Duration idempotencyWindow, int maxIdempotencyKeys, Clock clock) {
        this.namespaces = namespaces;
        this.keys = new IdempotencyKeys(idempotencyWindow, maxIdempotencyKeys);
        this.clock = clock;
    }

    @Override
    public Published publish(ChannelName channel, Publish request) {
        Namespace namespace = namespaces.of(channel);
        long now = clock.millis();
        ChannelLog log = logs.computeIfAbsent(channel, c -> new ChannelLog(c, Ids.next(), now));
        synchronized (log) {
            String key = request.idempotencyKey();
            if (key != null) {
                Publication first = keys.find(channel, key, now);
                if (first != null) {
                    return new Published(first, true);
                }
            }
            Publication publication = log.append(
                    Ids.next(), request.event(), request.data(), now, namespace.historySize(), namespace.historyTtl());
            if (key != null) {
                keys.remember(channel, key, publication, now);
            }
            Listener listener = followers.get(channel);
            if (listener != null) {
                listener.deliver(publication);
            }
            return new Published(publication, false);
        }
    }

    @Override
    public Recovery recover(ChannelName channel, Position since) {
        Namespace namespace = namespaces.of(channel);
        long now = clock.millis();
        ChannelLog log = logs.computeIfAbsent(channel, c -> new ChannelLog(c, Ids.next(), now));
        synchronized (log) {
            return log.recover(since, now, namespace.historyTtl());
        }
    }

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public void follow(ChannelName channel, Listener listener) {
        followers.put(channel, listener);
    }

    @Override
    public void unfollow(ChannelName channel) {
        followers.remove(channel);
    }

    /**
     * Forgets channels nobody follows (no local subscriber) and nobody published to for {@code idle}: their
     * history has expired by then, and a client coming back is told {@code recovered: false} by the new epoch.
     */
    public int sweep(Duration idle) {
        long cutoff = clock.millis() - idle.toMillis();
        int before = logs.size();
        logs.entrySet()
                .removeIf(
                        e -> !followers.containsKey(e.getKey()) && e.getValue().idleSince(cutoff));
        return before - logs.size();
    }
}
