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
 * under which an offset is assigned and the publication handed to the hub, so subscribers see
 * publications in offset order.
 */
public final class MemoryBroker implements Broker {

    private final ConcurrentHashMap<ChannelName, ChannelLog> logs = new ConcurrentHashMap<>();
    private final Namespaces namespaces;
    private final Hub hub;
    private final IdempotencyKeys keys;
    private final Clock clock;

    public MemoryBroker(Namespaces namespaces, Hub hub, Duration idempotencyWindow, int maxIdempotencyKeys,
            Clock clock) {
        this.namespaces = namespaces;
        this.hub = hub;
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
            Publication publication = log.append(Ids.next(), request.event(), request.data(), now,
                    namespace.historySize(), namespace.historyTtl());
            if (key != null) {
                keys.remember(channel, key, publication, now);
            }
            hub.deliver(publication);
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

    /**
     * Forgets channels nobody subscribes to and nobody published to for {@code idle}: their history
     * has expired by then, and a client coming back is told {@code recovered: false} by the new epoch.
     */
    public int sweep(Duration idle) {
        long cutoff = clock.millis() - idle.toMillis();
        int before = logs.size();
        logs.entrySet().removeIf(e -> !hub.hasSubscribers(e.getKey()) && e.getValue().idleSince(cutoff));
        return before - logs.size();
    }
}
