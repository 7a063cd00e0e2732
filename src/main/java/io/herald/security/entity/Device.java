package io.herald.security.entity;

import java.time.Instant;
import java.util.Set;

/**
 * A display or another machine that an administrator provisioned: not a user, with a long-lived token
 * of its own. Two records of the same id with different {@code created} are two different credentials
 * (the later one replaced the earlier one's token).
 *
 * @param id      the device's name, unique; its channel is {@code <device namespace>:<id>}
 * @param groups  what roles and group channels are checked against, as for a user's {@code groups}
 * @param created when this token was provisioned
 */
public record Device(String id, Set<String> groups, Instant created) {

    /** The subject of a device identity; the colon keeps it apart from every channel name and user name part. */
    public static final String SUBJECT_PREFIX = "device:";

    public Device {
        groups = Set.copyOf(groups);
    }

    public String subject() {
        return SUBJECT_PREFIX + id;
    }
}
