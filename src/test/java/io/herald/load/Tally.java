package io.herald.load;

import java.util.HashMap;
import java.util.Map;

/**
 * What one client received, per channel, checked against the protocol's promise (docs/protocol.md §7):
 * offsets increase by exactly one within an epoch. A jump is counted as lost publications, an offset
 * already seen as a duplicate, a resume answered {@code recovered:false} as unrecovered.
 */
final class Tally {

    record Position(long offset, String epoch) {}

    enum Outcome {
        NEXT,
        GAP,
        DUPLICATE,
        NEW_EPOCH,
        UNEXPECTED
    }

    private final Map<String, Position> positions = new HashMap<>();
    private final int node;
    private long received;
    private long lost;
    private long duplicates;
    private long unrecovered;
    private long unexpected;

    Tally() {
        this(0);
    }

    /** {@code node}: which of the run's Heralds (0: load.url, 1: load.url2) the client reads from. */
    Tally(int node) {
        this.node = node;
    }

    int node() {
        return node;
    }

    /** A publication arrived (live, or inside a {@code subscribed} reply). */
    synchronized Outcome publication(String channel, long offset, String epoch) {
        Position at = positions.get(channel);
        if (at == null) {
            unexpected++;
            return Outcome.UNEXPECTED;
        }
        received++;
        if (!at.epoch().equals(epoch)) {
            positions.put(channel, new Position(offset, epoch));
            return Outcome.NEW_EPOCH;
        }
        if (offset <= at.offset()) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        positions.put(channel, new Position(offset, epoch));
        if (offset == at.offset() + 1) {
            return Outcome.NEXT;
        }
        lost += offset - at.offset() - 1;
        return Outcome.GAP;
    }

    /**
     * A {@code subscribed} reply, after its publications were applied: {@code offset} is the channel's
     * position. A resume that was not recovered loses what lay between the old position and the new one.
     */
    synchronized void subscribed(String channel, long offset, String epoch, boolean recovered) {
        Position at = positions.get(channel);
        if (at != null && !recovered) {
            unrecovered++;
        }
        if (at != null && at.epoch().equals(epoch) && offset > at.offset()) {
            lost += offset - at.offset();
        }
        positions.put(channel, new Position(offset, epoch));
    }

    synchronized void unsubscribed(String channel) {
        positions.remove(channel);
    }

    synchronized Position position(String channel) {
        return positions.get(channel);
    }

    synchronized Map<String, Position> positions() {
        return Map.copyOf(positions);
    }

    /** At the end: publications up to {@code last} that never arrived are lost too. Returns them. */
    synchronized long settle(String channel, long last) {
        Position at = positions.get(channel);
        if (at == null || at.offset() >= last) {
            return 0;
        }
        long missing = last - at.offset();
        lost += missing;
        positions.put(channel, new Position(last, at.epoch()));
        return missing;
    }

    synchronized long received() {
        return received;
    }

    synchronized long lost() {
        return lost;
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long unrecovered() {
        return unrecovered;
    }

    synchronized long unexpected() {
        return unexpected;
    }
}
