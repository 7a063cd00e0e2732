package io.herald.channel.entity;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.util.regex.Pattern;

/**
 * A channel name parsed into its namespace and its name ({@code namespace:name}). Decisions are
 * taken on these parts, never on prefixes of the raw string.
 */
public record ChannelName(String namespace, String name) {

    private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@=+|/-]+");

    public ChannelName {
        if (!NAMESPACE.matcher(namespace).matches() || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid channel " + namespace + ":" + name);
        }
    }

    /** Security: {@code raw} is untrusted client input; only the two patterns above get through. */
    public static ChannelName parse(String raw, int maxLength) {
        if (raw == null || raw.isEmpty()) {
            throw new Refusal(ErrorCode.MISSING_FIELD, "channel is required");
        }
        if (raw.length() > maxLength) {
            throw new Refusal(ErrorCode.INVALID_CHANNEL, "channel is longer than " + maxLength + " characters");
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            throw new Refusal(ErrorCode.INVALID_CHANNEL, "channel must be namespace:name");
        }
        String namespace = raw.substring(0, colon);
        String name = raw.substring(colon + 1);
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new Refusal(
                    ErrorCode.INVALID_CHANNEL, "namespace must be 1-32 of a-z 0-9 _ - and start with a letter");
        }
        if (!NAME.matcher(name).matches()) {
            throw new Refusal(ErrorCode.INVALID_CHANNEL, "name must be 1 or more of A-Z a-z 0-9 _ . @ = + | / -");
        }
        return new ChannelName(namespace, name);
    }

    @Override
    public String toString() {
        return namespace + ":" + name;
    }
}
