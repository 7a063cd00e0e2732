package io.herald.connection.entity;

import java.time.Duration;

/**
 * The limits of one connection, from configuration (ConnectionConfig holds the defaults and why).
 */
public record Limits(int maxMessageBytes, int maxChannels, long outboxMaxBytes, int maxBatchBytes,
        Duration heartbeatInterval, Duration idleTimeout, int maxConnections) {
}
