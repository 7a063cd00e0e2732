package io.herald.delivery.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Recovery;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One channel's history in memory: strictly increasing offsets, an epoch chosen when the log is
 * created (so a restart, which loses the log, is visible to every client as a new epoch), and the
 * newest publications bounded by count and age. Not thread-safe: the broker locks it.
 */
final class ChannelLog {

    private final ChannelName channel;
    private final String epoch;
    private final ArrayDeque<Publication> retained = new ArrayDeque<>();
    private long offset;
    private long lastActivity;

    ChannelLog(ChannelName channel, String epoch, long now) {
        this.channel = channel;
        this.epoch = epoch;
        this.lastActivity = now;
    }

    Publication append(String id, String event, JsonValue data, long now, int size, Duration ttl) {
        offset++;
        lastActivity = now;
        Publication publication = new Publication(channel, offset, epoch, id, event, data, now);
        if (size > 0) {
            retained.addLast(publication);
        }
        while (retained.size() > size) {
            retained.removeFirst();
        }
        trim(now, ttl);
        return publication;
    }

    Recovery recover(Position since, long now, Duration ttl) {
        trim(now, ttl);
        Position top = new Position(offset, epoch);
        if (since == null || !epoch.equals(since.epoch()) || since.offset() > offset) {
            return new Recovery(top, false, List.of());
        }
        if (since.offset() == offset) {
            return new Recovery(top, true, List.of());
        }
        long oldest = retained.isEmpty() ? offset + 1 : retained.peekFirst().offset();
        if (since.offset() + 1 < oldest) {
            return new Recovery(top, false, List.of());
        }
        List<Publication> missed = new ArrayList<>((int) (offset - since.offset()));
        for (Publication publication : retained) {
            if (publication.offset() > since.offset()) {
                missed.add(publication);
            }
        }
        return new Recovery(top, true, missed);
    }

    boolean idleSince(long cutoff) {
        return lastActivity < cutoff;
    }

    private void trim(long now, Duration ttl) {
        long cutoff = now - ttl.toMillis();
        while (!retained.isEmpty() && retained.peekFirst().timestamp() < cutoff) {
            retained.removeFirst();
        }
    }
}
