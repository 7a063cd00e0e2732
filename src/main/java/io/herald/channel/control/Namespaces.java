package io.herald.channel.control;

import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.Namespace;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.util.Map;

/** The configured namespaces and the limits on channel names: the one place that says whether a channel exists. */
public final class Namespaces {

    private final Map<String, Namespace> byName;
    private final int maxNameLength;

    public Namespaces(Map<String, Namespace> byName, int maxNameLength) {
        this.byName = Map.copyOf(byName);
        this.maxNameLength = maxNameLength;
    }

    /** Security: {@code raw} is untrusted; the result names a configured namespace or this throws a Refusal. */
    public ChannelName channel(String raw) {
        ChannelName channel = ChannelName.parse(raw, maxNameLength);
        of(channel);
        return channel;
    }

    public Namespace of(ChannelName channel) {
        Namespace namespace = byName.get(channel.namespace());
        if (namespace == null) {
            throw new Refusal(ErrorCode.UNKNOWN_NAMESPACE, "unknown namespace '" + channel.namespace() + "'");
        }
        return namespace;
    }

    public java.util.Collection<Namespace> all() {
        return byName.values();
    }
}
