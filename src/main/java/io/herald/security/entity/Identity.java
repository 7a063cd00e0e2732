package io.herald.security.entity;

import java.time.Instant;
import java.util.Set;

/**
 * Who is on the other end of a connection or a request.
 *
 * @param subject   the token's {@code sub} ("anonymous" for the anonymous identity, {@code device:<id>} for a device)
 * @param groups    the token's {@code groups} claim, or a device's provisioned groups: what roles and group
 *                  channels are checked against
 * @param anonymous true when no credential was presented
 * @param expiry    when the credential stops being valid ({@code exp}); null: never (anonymous, a device, or no exp)
 * @param device    the device record a device token was verified against; null for users and anonymous
 */
public record Identity(String subject, Set<String> groups, boolean anonymous, Instant expiry, Device device) {

    public static final Identity ANONYMOUS = new Identity("anonymous", Set.of(), true, null);

    public Identity {
        groups = Set.copyOf(groups);
    }

    /** A user (a verified JWT). */
    public Identity(String subject, Set<String> groups, boolean anonymous, Instant expiry) {
        this(subject, groups, anonymous, expiry, null);
    }

    /** The identity of a verified device token: no expiry (revocation ends it), the provisioned groups. */
    public static Identity of(Device device) {
        return new Identity(device.subject(), device.groups(), false, null, device);
    }

    /** Whether this is a device, never a user: a user's token can never make one. */
    public boolean isDevice() {
        return device != null;
    }

    public boolean memberOf(String group) {
        return groups.contains(group);
    }

    public boolean memberOfAny(Set<String> wanted) {
        for (String group : wanted) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
