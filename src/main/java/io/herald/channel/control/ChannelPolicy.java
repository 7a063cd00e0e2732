package io.herald.channel.control;

import io.herald.channel.entity.Access;
import io.herald.channel.entity.ChannelName;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import java.util.Set;

/**
 * The one decision point for channel access (docs/security.md): every subscribe and every client publish,
 * on every transport, asks here with the parsed channel name and the identity. Refuses with
 * {@code unauthenticated} (no credential where one is needed) or {@code forbidden} (the wrong one).
 * Users and devices are told apart by the identity's kind, never by its subject: a personal channel is
 * never a device's, a device channel never a user's, whatever the names say.
 */
public final class ChannelPolicy {

    private final Namespaces namespaces;

    public ChannelPolicy(Namespaces namespaces) {
        this.namespaces = namespaces;
    }

    public void subscribe(ChannelName channel, Identity identity) {
        decide(channel, identity, namespaces.of(channel).access().subscribeRoles(), "subscribe to");
    }

    public void publish(ChannelName channel, Identity identity) {
        decide(channel, identity, namespaces.of(channel).access().publishRoles(), "publish to");
    }

    private void decide(ChannelName channel, Identity identity, Set<String> roles, String action) {
        Access access = namespaces.of(channel).access();
        if (identity.anonymous()) {
            if (access.anonymous() && !access.owned()) {
                return;
            }
            throw new Refusal(ErrorCode.UNAUTHENTICATED, "a token is needed to " + action + " " + channel);
        }
        if (access.personal() && (identity.isDevice() || !channel.name().equals(identity.subject()))) {
            throw new Refusal(ErrorCode.FORBIDDEN, channel + " belongs to another user");
        }
        if (access.device()
                && (!identity.isDevice()
                        || !channel.name().equals(identity.device().id()))) {
            throw new Refusal(ErrorCode.FORBIDDEN, channel + " belongs to device '" + channel.name() + "'");
        }
        if (access.group() && !identity.memberOf(channel.name())) {
            throw new Refusal(ErrorCode.FORBIDDEN, channel + " is for members of group '" + channel.name() + "'");
        }
        if (!access.anonymous() && !roles.isEmpty() && !identity.memberOfAny(roles)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "no role allows you to " + action + " " + channel);
        }
    }
}
