package io.herald.channel.entity;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;

/**
 * A channel name parsed into its namespace and its name ({@code namespace:name}). Decisions are
 * taken on these parts, never on prefixes of the raw string.
 */
public record ChannelName(String namespace, String name) {

    public ChannelName {
        if (!namespace(namespace) || !name(name)) {
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
        if (!namespace(namespace)) {
            throw new Refusal(
                    ErrorCode.INVALID_CHANNEL, "namespace must be 1-32 of a-z 0-9 _ - and start with a letter");
        }
        if (!name(name)) {
            throw new Refusal(ErrorCode.INVALID_CHANNEL, "name must be 1 or more of A-Z a-z 0-9 _ . @ = + | / -");
        }
        return new ChannelName(namespace, name);
    }

    /**
     * {@code [a-z][a-z0-9_-]{0,31}}, checked by hand: every poll and subscribe parses channel names, and the
     * regular expressions cost more than the rest of the parsing.
     */
    private static boolean namespace(String text) {
        if (text.isEmpty() || text.length() > 32 || text.charAt(0) < 'a' || text.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z0-9_.@=+|/-]+}. */
    private static boolean name(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "_.@=+|/-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return namespace + ":" + name;
    }
}
