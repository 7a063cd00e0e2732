package io.herald.redis.control;

import java.net.URI;
import java.time.Duration;

/** How a node talks to Redis (RedisConfig holds the defaults and why; DeliveryConfig the last two). */
public record RedisSettings(
        URI url,
        String prefix,
        int poolSize,
        Duration timeout,
        Duration heartbeat,
        Duration maxBackoff,
        Duration channelIdleTtl,
        Duration idempotencyWindow) {}
