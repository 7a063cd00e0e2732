/**
 * The Redis bridge: the only code that imports Jedis.
 * <p>
 * With {@code herald.redis.url} set, offsets, epochs, history (one Stream per channel) and idempotency
 * keys live in Redis, written by one Lua script per publish so that position, history and the pub/sub
 * message can never disagree. Each node keeps one subscription per channel with local subscribers and
 * fills pub/sub gaps from the stream. Rejected: node-local offsets with Redis only as a bus, which loses
 * resume across nodes; and PSUBSCRIBE to every channel, which sends every node all traffic.
 * Device records (docs/security.md) live here too, one hash per device and a key per token hash, changed
 * by scripts so that a token and its device never disagree.
 * Sentinel and Cluster would plug in at {@link io.herald.redis.control.RedisConfig} (keys already carry a hash tag).
 * The delivery settings the Redis broker shares with the memory broker (channel idle TTL, idempotency
 * window) are read from {@code DeliveryConfig}, not declared here a second time with their defaults.
 */
package io.herald.redis;
