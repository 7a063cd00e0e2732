package io.herald.redis.control;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.control.Broker.Listener;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Recovery;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * This node's one Redis subscription, owned by {@link RedisBroker}: a Redis channel per followed Herald
 * channel (never one per client). Pub/sub is at-most-once, so every message is checked against the last
 * offset this node delivered: a gap is filled from the stream, and a gap the stream cannot fill (or a new
 * epoch after Redis lost its data) makes the local subscribers of that channel reconnect and resume, where
 * they learn {@code recovered: false}. After a lost connection the node resubscribes and fills every
 * channel. What it needs of the broker comes as callbacks the broker makes, never as the broker itself.
 */
final class RedisFanout extends JedisPubSub implements Runnable {

    /** The channel's position and what its stream holds after {@code offset}. */
    interface History {
        Recovery after(ChannelName channel, long offset);
    }

    private static final System.Logger LOG = System.getLogger(RedisFanout.class.getName());

    private final Supplier<Jedis> connect;
    private final Keys keys;
    private final ExecutorService control;
    private final Duration maxBackoff;
    private final Runnable reconnected;
    private final History history;
    /** Changed at once, in the hub's order; {@code wanted} follows it on the control thread. */
    private final Map<ChannelName, Listener> followed = new ConcurrentHashMap<>();

    private final Set<ChannelName> wanted = ConcurrentHashMap.newKeySet();
    private final Map<ChannelName, Position> delivered = new ConcurrentHashMap<>();
    private final String nodeChannel;
    private volatile boolean connected;
    private volatile boolean running = true;

    /** {@code reconnected} runs when the subscription is up again (the broker drops stale pooled connections). */
    RedisFanout(
            Supplier<Jedis> connect,
            Keys keys,
            ExecutorService control,
            Duration maxBackoff,
            String nodeId,
            Runnable reconnected,
            History history) {
        this.connect = connect;
        this.keys = keys;
        this.control = control;
        this.maxBackoff = maxBackoff;
        this.nodeChannel = keys.prefix() + "node:" + nodeId;
        this.reconnected = reconnected;
        this.history = history;
    }

    /**
     * The control thread (un)subscribes from the state it finds, not from the call: an unfollow quickly
     * followed by a follow then keeps the offset a new subscriber recovered in between.
     */
    void follow(ChannelName channel, Listener listener) {
        followed.put(channel, listener);
        control.execute(() -> subscription(channel));
    }

    void unfollow(ChannelName channel) {
        followed.remove(channel);
        control.execute(() -> subscription(channel));
    }

    boolean connected() {
        return connected;
    }

    /** A command failed: report not ready until the subscription proves the connection works again. */
    void suspect() {
        if (connected) {
            control.execute(this::pingOrDrop);
        }
    }

    /** A local subscriber recovered up to {@code top}: live delivery must continue from there at the latest. */
    void recovered(ChannelName channel, Position top) {
        delivered.putIfAbsent(channel, top);
    }

    @Override
    public void run() {
        long backoff = 100;
        while (running) {
            try (Jedis jedis = connect.get()) {
                jedis.subscribe(this, nodeChannel);
                backoff = 100;
            } catch (RuntimeException e) {
                if (connected || backoff == 100) {
                    LOG.log(System.Logger.Level.WARNING, "Redis subscription lost: {0}", e.toString());
                }
            }
            connected = false;
            if (running) {
                sleep(backoff + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff));
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    @Override
    public void onSubscribe(String channel, int count) {
        if (channel.equals(nodeChannel)) {
            reconnected.run();
            connected = true;
            LOG.log(System.Logger.Level.INFO, "Redis subscription up");
            control.execute(this::resubscribeAll);
            return;
        }
        ChannelName name = keys.channelOf(channel);
        if (name != null) {
            fill(name);
        }
    }

    @Override
    public void onMessage(String channel, String message) {
        ChannelName name = keys.channelOf(channel);
        if (name == null || !wanted.contains(name)) {
            return;
        }
        Publication publication = PublicationCodec.message(name, message);
        Position last = delivered.get(name);
        if (last != null && last.epoch().equals(publication.epoch())) {
            if (publication.offset() <= last.offset()) {
                return;
            }
            if (publication.offset() > last.offset() + 1) {
                fill(name);
                return;
            }
        } else if (last != null) {
            lost(name);
            return;
        }
        deliver(publication);
    }

    void stop() {
        running = false;
        try {
            if (isSubscribed()) {
                unsubscribe();
            }
        } catch (RuntimeException e) {
            // the connection is going anyway
        }
    }

    /** Subscribes to or unsubscribes from the channel's Redis channel as its following now says. */
    private void subscription(ChannelName channel) {
        boolean want = followed.containsKey(channel);
        if (want && wanted.add(channel)) {
            if (connected) {
                subscribe(keys.pubsub(channel));
            }
        } else if (!want && wanted.remove(channel)) {
            delivered.remove(channel);
            if (connected) {
                unsubscribe(keys.pubsub(channel));
            }
        }
    }

    private void resubscribeAll() {
        if (!wanted.isEmpty()) {
            subscribe(wanted.stream().map(keys::pubsub).toArray(String[]::new));
        }
    }

    /** Delivers what the stream holds after the last delivered offset (on the subscription thread). */
    private void fill(ChannelName channel) {
        Position last = delivered.get(channel);
        if (last == null) {
            return;
        }
        Recovery stored;
        try {
            stored = history.after(channel, last.offset());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot fill {0} from Redis: {1}", channel, e.toString());
            lost(channel);
            return;
        }
        Position top = stored.position();
        if (!top.epoch().equals(last.epoch())) {
            lost(channel);
            return;
        }
        long expected = last.offset() + 1;
        for (Publication publication : stored.missed()) {
            if (publication.offset() != expected) {
                lost(channel);
                return;
            }
            deliver(publication);
            expected++;
        }
        if (expected <= top.offset()) {
            lost(channel);
        }
    }

    private void deliver(Publication publication) {
        delivered.put(publication.channel(), publication.position());
        Listener listener = followed.get(publication.channel());
        if (listener != null) {
            listener.deliver(publication);
        }
    }

    private void lost(ChannelName channel) {
        LOG.log(System.Logger.Level.WARNING, "publications of {0} cannot be recovered on this node", channel);
        delivered.remove(channel);
        Listener listener = followed.get(channel);
        if (listener != null) {
            listener.lose(channel);
        }
    }

    /** Keeps the subscription's socket busy so a dead connection shows up within the read timeout. */
    void heartbeat() {
        if (connected) {
            pingOrDrop();
        }
    }

    private void pingOrDrop() {
        try {
            ping();
        } catch (RuntimeException e) {
            connected = false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
