package io.herald.channel.entity;

import java.util.Set;

/**
 * Who may use the channels of a namespace.
 *
 * @param anonymous      open to everyone, without a token (roles are then not required)
 * @param subscribeRoles groups allowed to subscribe; empty: any authenticated identity
 * @param publishRoles   groups allowed to publish as a client; empty: any authenticated identity
 * @param personal       channel {@code ns:<sub>} belongs to that subject alone
 * @param group          channel {@code ns:<group>} belongs to the members of that group alone
 */
public record Access(boolean anonymous, Set<String> subscribeRoles, Set<String> publishRoles, boolean personal,
        boolean group) {

    /** Everyone may use the namespace: what a namespace was before access rules existed (tests). */
    public static final Access OPEN = new Access(true, Set.of(), Set.of(), false, false);

    public Access {
        subscribeRoles = Set.copyOf(subscribeRoles);
        publishRoles = Set.copyOf(publishRoles);
    }
}
