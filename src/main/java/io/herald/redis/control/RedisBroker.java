package io.herald.redis.control;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.Namespace;
import io.herald.delivery.control.Broker;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The cluster broker: offsets, epochs, history (Streams) and idempotency keys live in Redis, so any
 * node can publish, resume or answer a poll. Each publication is published on a Redis channel in the
 * same script that stored it; {@link RedisFanout} hands it to the local hub of every node.
 */
public final class RedisBroker implements Broker {

    private final JedisPool pool;
    private final Keys keys;
    private final Namespaces namespaces;
    private final Duration channelIdleTtl;
    private final Duration idempotencyWindow;
    private final Clock clock;
    private volatile RedisFanout fanout;

    RedisBroker(JedisPool pool, Keys keys, Namespaces namespaces, Duration channelIdleTtl,
            Duration idempotencyWindow, Clock clock) {
        this.pool = pool;
        this.keys = keys;
        this.namespaces = namespaces;
        this.channelIdleTtl = channelIdleTtl;
        this.idempotencyWindow = idempotencyWindow;
        this.clock = clock;
    }

    void attach(RedisFanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public Published publish(ChannelName channel, Publish request) {
        Namespace namespace = namespaces.of(channel);
        if (!ready()) {
            throw unavailable();
        }
        String key = request.idempotencyKey();
        List<String> keyList = List.of(keys.meta(channel), keys.stream(channel),
                key == null ? "" : keys.idempotency(channel, key));
        List<String> args = List.of(newId(), Long.toString(clock.millis()),
                request.event() == null ? "null" : Json.createValue(request.event()).toString(),
                request.data().toString(), newId(), Integer.toString(namespace.historySize()),
                Long.toString(Math.max(1, namespace.historyTtl().toMillis())),
                Long.toString(idleTtl(namespace)),
                Long.toString(idempotencyWindow.toMillis()), keys.pubsub(channel));
        List<?> reply = (List<?>) call(jedis -> jedis.eval(Scripts.PUBLISH, keyList, args));
        return new Published(publication(channel, (String) reply.get(1)), ((Long) reply.get(0)) == 1L);
    }

    @Override
    public Recovery recover(ChannelName channel, Position since) {
        Namespace namespace = namespaces.of(channel);
        Recovery recovery = read(channel, since == null ? -1 : since.offset(), namespace);
        Position top = recovery.position();
        if (fanout != null) {
            fanout.recovered(channel, top);
        }
        if (since == null || !top.epoch().equals(since.epoch()) || since.offset() > top.offset()) {
            return new Recovery(top, false, List.of());
        }
        long cutoff = clock.millis() - namespace.historyTtl().toMillis();
        List<Publication> missed = recovery.missed();
        boolean complete = missed.size() == top.offset() - since.offset()
                && (missed.isEmpty() || (missed.get(0).offset() == since.offset() + 1
                && missed.get(0).timestamp() >= cutoff));
        return complete ? new Recovery(top, true, missed) : new Recovery(top, false, List.of());
    }

    /** The channel's position and what its stream holds after {@code after} (-1: nothing). */
    Recovery read(ChannelName channel, long after, Namespace namespace) {
        List<String> args = List.of(Long.toString(after), newId(),
                Long.toString(idleTtl(namespace)));
        List<?> reply = (List<?>) call(jedis -> jedis.eval(Scripts.RECOVER,
                List.of(keys.meta(channel), keys.stream(channel)), args));
        String epoch = (String) reply.get(0);
        long top = (Long) reply.get(1);
        List<Publication> entries = new ArrayList<>();
        for (Object entry : (List<?>) reply.get(2)) {
            entries.add(entry(channel, epoch, (List<?>) entry));
        }
        return new Recovery(new Position(top, epoch), true, entries);
    }

    /** Drops pooled connections from before an outage, so the next command does not meet a dead socket. */
    void reconnected() {
        pool.clear();
    }

    @Override
    public boolean ready() {
        RedisFanout current = fanout;
        return current != null && current.connected();
    }

    Publication publication(ChannelName channel, String message) {
        JsonObject m = Json.createReader(new StringReader(message)).readObject();
        JsonValue event = m.get("v");
        return new Publication(channel, m.getJsonNumber("o").longValue(), m.getString("e"), m.getString("i"),
                event.getValueType() == JsonValue.ValueType.STRING ? m.getString("v") : null, m.get("d"),
                m.getJsonNumber("t").longValue());
    }

    private static Publication entry(ChannelName channel, String epoch, List<?> entry) {
        String id = (String) entry.get(0);
        List<?> fields = (List<?>) entry.get(1);
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            values.put((String) fields.get(i), (String) fields.get(i + 1));
        }
        JsonValue event = Json.createReader(new StringReader(values.get("v"))).readValue();
        return new Publication(channel, Long.parseLong(id.substring(0, id.indexOf('-'))), epoch, values.get("i"),
                event.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) event).getString()
                        : null,
                Json.createReader(new StringReader(values.get("d"))).readValue(), Long.parseLong(values.get("t")));
    }

    private Object call(java.util.function.Function<Jedis, Object> command) {
        try (Jedis jedis = pool.getResource()) {
            return command.apply(jedis);
        } catch (JedisException e) {
            if (fanout != null) {
                fanout.suspect();
            }
            throw unavailable();
        }
    }

    /** Positions outlive history: a channel is forgotten only when idle longer than both. */
    private long idleTtl(Namespace namespace) {
        return Math.max(channelIdleTtl.toMillis(), namespace.historyTtl().toMillis());
    }

    private static Refusal unavailable() {
        return new Refusal(ErrorCode.UNAVAILABLE, "Redis is unreachable; retry later");
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
