package io.herald.connection.entity;

import java.time.Duration;

/**
 * The limits of one connection, from configuration (ConnectionConfig holds the defaults and why).
 */
public record Limits(
        int maxMessageBytes,
        int maxChannels,
        long outboxMaxBytes,
        int maxBatchBytes,
        Duration heartbeatInterval,
        Duration idleTimeout,
        int maxConnections) {

    /**
     * Whether a client text frame, as the container decoded it, is at most {@code maxMessageBytes} in
     * UTF-8, as the client sent it: counting characters let three times as many bytes through. Counted
     * without encoding it, and only as far as the answer is not yet known.
     */
    public boolean fitsMessage(CharSequence text) {
        int length = text.length();
        if (length > maxMessageBytes) {
            return false;
        }
        if ((long) length * 3 <= maxMessageBytes) {
            return true;
        }
        long bytes = 0;
        for (int i = 0; i < length && bytes <= maxMessageBytes; i++) {
            char c = text.charAt(i);
            // a code point beyond U+FFFF is two surrogates here and four bytes in UTF-8
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes <= maxMessageBytes;
    }
}
