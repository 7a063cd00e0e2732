package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Publication;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Idempotency keys seen recently, per channel, with the publication each one produced. Bounded by age
 * and by count (the oldest go first), so a client that sends a new key with every message cannot grow it.
 */
final class IdempotencyKeys {

    private record Seen(Publication publication, long expiresAt) {}

    private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>();
    private final Duration window;
    private final int maxKeys;

    IdempotencyKeys(Duration window, int maxKeys) {
        this.window = window;
        this.maxKeys = maxKeys;
    }

    synchronized Publication find(ChannelName channel, String key, long now) {
        expire(now);
        Seen entry = seen.get(channel + "\n" + key);
        return entry == null || entry.expiresAt() <= now ? null : entry.publication();
    }

    synchronized void remember(ChannelName channel, String key, Publication publication, long now) {
        seen.put(channel + "\n" + key, new Seen(publication, now + window.toMillis()));
        while (seen.size() > maxKeys) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void expire(long now) {
        Iterator<Map.Entry<String, Seen>> entries = seen.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().expiresAt() <= now) {
            entries.remove();
        }
    }
}
