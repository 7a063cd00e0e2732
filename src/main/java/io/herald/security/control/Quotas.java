package io.herald.security.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per user (subject) and per remote address, across every transport of this node.
 * Anonymous connections count only per address: they share no subject. Counts are per node, like every
 * other connection limit; a cluster-wide count would cost a Redis round trip per connect.
 */
public final class Quotas {

    /** Which quota refused a connection. */
    public enum Exceeded {
        NONE,
        USER,
        ADDRESS
    }

    private final int perUser;
    private final int perAddress;
    private final Map<String, Integer> users = new ConcurrentHashMap<>();
    private final Map<String, Integer> addresses = new ConcurrentHashMap<>();

    public Quotas(int perUser, int perAddress) {
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    /**
     * Counts one more connection of {@code subject} (null: anonymous) from {@code address} (null: unknown),
     * unless that exceeds a quota, in which case nothing is counted.
     */
    public synchronized Exceeded acquire(String subject, String address) {
        if (subject != null && users.getOrDefault(subject, 0) >= perUser) {
            return Exceeded.USER;
        }
        if (address != null && addresses.getOrDefault(address, 0) >= perAddress) {
            return Exceeded.ADDRESS;
        }
        if (subject != null) {
            users.merge(subject, 1, Integer::sum);
        }
        if (address != null) {
            addresses.merge(address, 1, Integer::sum);
        }
        return Exceeded.NONE;
    }

    /** Gives back what one {@link #acquire} counted; the entry goes when it reaches zero. */
    public synchronized void release(String subject, String address) {
        if (subject != null) {
            users.computeIfPresent(subject, (k, n) -> n > 1 ? n - 1 : null);
        }
        if (address != null) {
            addresses.computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
        }
    }
}
