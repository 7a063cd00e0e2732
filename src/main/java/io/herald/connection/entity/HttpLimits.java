package io.herald.connection.entity;

import java.time.Duration;

/** The limits of the HTTP transports, from configuration (ConnectionConfig holds the defaults and why). */
public record HttpLimits(
        Duration longPollWait,
        Duration maxLongPollWait,
        int maxWaitingPolls,
        int maxWaitingPollsPerAddress,
        Duration pollEvictionAfter) {}
