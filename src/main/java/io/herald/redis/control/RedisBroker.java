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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/**
 * The cluster broker: offsets, epochs, history (Streams) and idempotency keys live in Redis, so any
 * node can publish, resume or answer a poll. Each publication is published on a Redis channel in the
 * same script that stored it; the broker's own {@link RedisFanout}, made here and never handed out, takes
 * it to the listener that follows the channel on this node. {@link PublicationCodec} owns the encoding.
 */
public final class RedisBroker implements Broker {

    private final RedisCalls calls;
    private final Keys keys;
    private final Namespaces namespaces;
    private final Duration channelIdleTtl;
    private final Duration idempotencyWindow;
    private final Clock clock;
    private final RedisFanout fanout;

    /** {@code subscription} opens this node's subscription connection; {@code control} runs its writes. */
    RedisBroker(
            RedisCalls calls,
            Keys keys,
            Namespaces namespaces,
            RedisSettings settings,
            Clock clock,
            Supplier<Jedis> subscription,
            ExecutorService control,
            String nodeId) {
        this.calls = calls;
        this.keys = keys;
        this.namespaces = namespaces;
        this.channelIdleTtl = settings.channelIdleTtl();
        this.idempotencyWindow = settings.idempotencyWindow();
        this.clock = clock;
        // the subscription back means Redis answers: pooled connections from before an outage are dead
        this.fanout = new RedisFanout(
                subscription, keys, control, settings.maxBackoff(), nodeId, calls::reconnected, (channel, after) -> {
                    // asked for because the subscription just carried a message: Redis answers again, and a
                    // refusal here would close the channel's subscribers with 4006 for nothing
                    calls.heard();
                    return read(channel, after, namespaces.of(channel));
                });
    }

    /** Starts the subscription (in the background, retrying with backoff: it never waits for Redis). */
    void start(ThreadFactory threads) {
        threads.newThread(fanout).start();
    }

    /** Pings the subscription; call it on the control thread, like every write to the subscription. */
    void heartbeat() {
        fanout.heartbeat();
    }

    void stop() {
        fanout.stop();
    }

    @Override
    public Published publish(ChannelName channel, Publish request) {
        Namespace namespace = namespaces.of(channel);
        if (!ready()) {
            throw unavailable();
        }
        String key = request.idempotencyKey();
        List<String> keyList =
                List.of(keys.meta(channel), keys.stream(channel), key == null ? "" : keys.idempotency(channel, key));
        List<String> args =
                new ArrayList<>(PublicationCodec.arguments(newId(), clock.millis(), request.event(), request.data()));
        args.addAll(List.of(
                newId(),
                Integer.toString(namespace.historySize()),
                Long.toString(Math.max(1, namespace.historyTtl().toMillis())),
                Long.toString(idleTtl(namespace)),
                Long.toString(idempotencyWindow.toMillis()),
                keys.pubsub(channel)));
        List<?> reply = (List<?>) call(jedis -> jedis.eval(Scripts.PUBLISH, keyList, args));
        return new Published(PublicationCodec.message(channel, (String) reply.get(1)), ((Long) reply.get(0)) == 1L);
    }

    @Override
    public Recovery recover(ChannelName channel, Position since) {
        Namespace namespace = namespaces.of(channel);
        Recovery recovery = read(channel, since == null ? -1 : since.offset(), namespace);
        Position top = recovery.position();
        fanout.recovered(channel, top);
        if (since == null || !top.epoch().equals(since.epoch()) || since.offset() > top.offset()) {
            return new Recovery(top, false, List.of());
        }
        long cutoff = clock.millis() - namespace.historyTtl().toMillis();
        List<Publication> missed = recovery.missed();
        boolean complete = missed.size() == top.offset() - since.offset()
                && (missed.isEmpty()
                        || (missed.get(0).offset() == since.offset() + 1
                                && missed.get(0).timestamp() >= cutoff));
        return complete ? new Recovery(top, true, missed) : new Recovery(top, false, List.of());
    }

    /** The channel's position and what its stream holds after {@code after} (-1: nothing). */
    private Recovery read(ChannelName channel, long after, Namespace namespace) {
        List<String> args = List.of(Long.toString(after), newId(), Long.toString(idleTtl(namespace)));
        List<?> reply = (List<?>)
                call(jedis -> jedis.eval(Scripts.RECOVER, List.of(keys.meta(channel), keys.stream(channel)), args));
        String epoch = (String) reply.get(0);
        long top = (Long) reply.get(1);
        List<Publication> entries = new ArrayList<>();
        for (Object entry : (List<?>) reply.get(2)) {
            entries.add(PublicationCodec.entry(channel, epoch, (List<?>) entry));
        }
        return new Recovery(new Position(top, epoch), true, entries);
    }

    /** The subscription is up and the last command was answered in time: a publish can succeed. */
    @Override
    public boolean ready() {
        return fanout.connected() && calls.reachable();
    }

    @Override
    public void follow(ChannelName channel, Listener listener) {
        fanout.follow(channel, listener);
    }

    @Override
    public void unfollow(ChannelName channel) {
        fanout.unfollow(channel);
    }

    /** Within herald.redis.timeout in all, and refused at once while Redis is known not to answer. */
    private Object call(java.util.function.Function<Jedis, Object> command) {
        try {
            return calls.call(command);
        } catch (Refusal refusal) {
            fanout.suspect();
            throw refusal;
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
