package io.herald.security.entity;

import java.time.Instant;
import java.util.Set;

/**
 * Who is on the other end of a connection or a request.
 *
 * @param subject   the token's {@code sub} ("anonymous" for the anonymous identity)
 * @param groups    the token's {@code groups} claim: what roles and group channels are checked against
 * @param anonymous true when no credential was presented
 * @param expiry    when the credential stops being valid ({@code exp}); null: never (anonymous, or no exp)
 */
public record Identity(String subject, Set<String> groups, boolean anonymous, Instant expiry) {

    public static final Identity ANONYMOUS = new Identity("anonymous", Set.of(), true, null);

    public Identity {
        groups = Set.copyOf(groups);
    }

    public Identity(String subject, Set<String> groups, boolean anonymous) {
        this(subject, groups, anonymous, null);
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
