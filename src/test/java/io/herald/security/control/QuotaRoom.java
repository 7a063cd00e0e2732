package io.herald.security.control;

/**
 * What a quota's counts mean to a client: how many more connections a user, or an address, could open
 * now. Found by opening until refused and giving everything back, so the quota is as it was.
 */
public final class QuotaRoom {

    private QuotaRoom() {}

    public static int forUser(Quotas quotas, String subject) {
        return room(quotas, subject, null);
    }

    public static int atAddress(Quotas quotas, String address) {
        return room(quotas, null, address);
    }

    private static int room(Quotas quotas, String subject, String address) {
        int room = 0;
        while (room < 10_000 && quotas.acquire(subject, address) == Quotas.Exceeded.NONE) {
            room++;
        }
        for (int i = 0; i < room; i++) {
            quotas.release(subject, address);
        }
        return room;
    }
}
