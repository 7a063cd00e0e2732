package io.herald.channel.entity;

import java.util.Set;

/**
 * Who may use the channels of a namespace.
 *
 * @param anonymous      open to everyone, without a token (roles are then not required)
 * @param subscribeRoles groups allowed to subscribe; empty: any authenticated identity
 * @param publishRoles   groups allowed to publish as a client; empty: any authenticated identity
 * @param personal       channel {@code ns:<sub>} belongs to that user alone (never to a device)
 * @param group          channel {@code ns:<group>} belongs to the members of that group alone
 * @param device         channel {@code ns:<id>} belongs to the device with that id alone (never to a user)
 */
public record Access(
        boolean anonymous,
        Set<String> subscribeRoles,
        Set<String> publishRoles,
        boolean personal,
        boolean group,
        boolean device) {

    public Access {
        subscribeRoles = Set.copyOf(subscribeRoles);
        publishRoles = Set.copyOf(publishRoles);
    }

    /** Whether each channel belongs to someone (a user, a group, a device): never open to anonymous clients. */
    public boolean owned() {
        return personal || group || device;
    }
}
