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
 * <p>
 * {@code RedisBroker} makes and owns the node's subscription ({@code RedisFanout}) and gives it what it
 * needs as callbacks (reset the command pool on reconnect, read a stream after an offset); the hub reaches it only
 * through {@code Broker.follow}/{@code unfollow}. Rejected: building both apart and attaching one to the
 * other afterwards. {@code PublicationCodec} owns how a publication is written in Redis: the Lua fragments
 * the publish script builds the message and the stream entry from, and their decoders. Rejected: the
 * message written in the script and parsed in the broker, one format in two files that could drift.
 * <p>
 * Every command through the pool goes through {@code RedisCalls}: {@code herald.redis.timeout} is one
 * deadline per request over the wait for a pooled connection, the opening of a new one (its sockets get
 * what is left) and the command, so a stalled Redis costs a request at most that; and after one command
 * went unanswered the node refuses at once and reports not ready until a probe on the heartbeat thread
 * (or the subscription coming back, or carrying a message) finds Redis answering. Rejected: a separate
 * pool-wait setting that an operator must add to the command timeout (the handshake of a new connection
 * would still count on top), and a watchdog thread per command. A connection goes back to the pool only
 * after its command returned; one whose command threw anything is closed, because a reply still on its
 * way would be read by the next call as its own (a publish acknowledged with another command's answer).
 * Rejected: returning it after an error reply, which saves a reconnect only on a rare path.
 * <p>
 * The delivery settings the Redis broker shares with the memory broker (channel idle TTL, idempotency
 * window) are read from {@code DeliveryConfig}, not declared here a second time with their defaults.
 */
package io.herald.redis;
