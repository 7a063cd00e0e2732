package io.herald.connection.control;

import io.herald.connection.entity.HttpLimits;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The places of waiting long-polls on this node: at most {@code herald.http.max-waiting-polls}, and at most
 * {@code herald.http.max-waiting-polls-per-address} from one remote address, so that one address never takes
 * every place. When the node or the address is full, the oldest poll there that has waited at least
 * {@code herald.http.poll-eviction-after} gives its place to the new one and is answered as if its wait had
 * ended. That is how the place of a client that has left comes free: no server tells the application that
 * the client of a waiting request is gone, and a client still there only polls again, its cursor unchanged.
 */
final class WaitingPolls {

    private final HttpLimits limits;
    private final Clock clock;
    /** Every waiting poll by arrival, so the first is the oldest; and the same per address. */
    private final TreeMap<Long, Waiter> all = new TreeMap<>();

    private final Map<String, TreeMap<Long, Waiter>> byAddress = new HashMap<>();
    private long arrivals;

    WaitingPolls(HttpLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Gives {@code waiter} a place; returns the poll that gave its place up (to be answered), or null.
     *
     * @throws Refusal too_many_connections when its address is full, unavailable when the node is full, and
     *     no poll there has waited long enough to give its place up
     */
    synchronized Waiter admit(Waiter waiter) {
        long now = clock.millis();
        TreeMap<Long, Waiter> own = byAddress.get(waiter.address());
        Waiter leaving = null;
        if (own != null && own.size() >= limits.maxWaitingPollsPerAddress()) {
            leaving = oldest(
                    own,
                    now,
                    new Refusal(
                            ErrorCode.TOO_MANY_CONNECTIONS,
                            "too many polls are waiting from this address; retry later"));
        } else if (all.size() >= limits.maxWaitingPolls()) {
            leaving = oldest(
                    all,
                    now,
                    new Refusal(ErrorCode.UNAVAILABLE, "too many polls are waiting on this node; retry later"));
        }
        if (leaving != null) {
            release(leaving);
        }
        waiter.placed(++arrivals, now);
        all.put(waiter.place(), waiter);
        byAddress.computeIfAbsent(waiter.address(), address -> new TreeMap<>()).put(waiter.place(), waiter);
        return leaving;
    }

    private Waiter oldest(TreeMap<Long, Waiter> polls, long now, Refusal full) {
        Waiter oldest = polls.firstEntry().getValue();
        if (now - oldest.since() < limits.pollEvictionAfter().toMillis()) {
            throw full;
        }
        return oldest;
    }

    /** Frees the place of {@code waiter}, if it still has one. */
    synchronized void release(Waiter waiter) {
        if (all.remove(waiter.place(), waiter)) {
            TreeMap<Long, Waiter> own = byAddress.get(waiter.address());
            own.remove(waiter.place());
            if (own.isEmpty()) {
                byAddress.remove(waiter.address());
            }
        }
    }

    /** The polls waiting now, oldest first (a drain answers them all). */
    synchronized java.util.List<Waiter> waiting() {
        return java.util.List.copyOf(all.values());
    }

    synchronized int size() {
        return all.size();
    }
}
