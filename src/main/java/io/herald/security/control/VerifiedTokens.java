package io.herald.security.control;

import io.herald.security.entity.Identity;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identities of tokens verified recently, keyed by the exact token text, so that a publisher sending the
 * same token on every request pays one signature check, not one per request. An entry is dropped once its
 * token is no longer valid ({@code until}, epoch seconds); at most {@code capacity} are kept, and when full,
 * expired entries go first, then a tenth of the others, arbitrary ones (the next request of theirs verifies again). Refusals are
 * never kept: a flood of distinct forged tokens must not fill the memory of the node.
 * Rejected: a least-recently-used map, whose bookkeeping puts a lock on every request's path.
 */
final class VerifiedTokens {

    private record Entry(Identity identity, long until) {}

    private final int capacity;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** {@code capacity} 0 keeps nothing. */
    VerifiedTokens(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /** The identity of {@code token} if it was verified and is still valid at {@code now}; else null. */
    Identity find(String token, long now) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (now >= entry.until()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    void keep(String token, Identity identity, long until, long now) {
        if (capacity == 0 || now >= until) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> now >= entry.until());
            // a tenth at once, so that a full map is swept once per capacity/10 new tokens, not on each
            Iterator<String> any = entries.keySet().iterator();
            while (entries.size() >= capacity - capacity / 10 && any.hasNext()) {
                any.next();
                any.remove();
            }
        }
        entries.put(token, new Entry(identity, until));
    }
}
