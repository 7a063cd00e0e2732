package io.herald.redis.control;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.delivery.control.Hub;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Recovery;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * This node's one Redis subscription: a Redis channel per Herald channel that has local subscribers
 * (never one per client), followed from the hub's first/last-subscriber notices. Pub/sub is
 * at-most-once, so every message is checked against the last offset this node delivered: a gap is
 * filled from the stream, and a gap the stream cannot fill (or a new epoch after Redis lost its data)
 * makes the local subscribers of that channel reconnect and resume, where they learn
 * {@code recovered: false}. After a lost connection the node resubscribes and fills every channel.
 */
final class RedisFanout extends JedisPubSub implements Runnable {

    private static final System.Logger LOG = System.getLogger(RedisFanout.class.getName());

    private final HostAndPort address;
    private final DefaultJedisClientConfig clientConfig;
    private final Keys keys;
    private final Hub hub;
    private final RedisBroker broker;
    private final Namespaces namespaces;
    private final ExecutorService control;
    private final Duration maxBackoff;
    private final Set<ChannelName> wanted = ConcurrentHashMap.newKeySet();
    private final Map<ChannelName, Position> delivered = new ConcurrentHashMap<>();
    private final String nodeChannel;
    private volatile boolean connected;
    private volatile boolean running = true;

    RedisFanout(HostAndPort address, DefaultJedisClientConfig clientConfig, Keys keys, Hub hub, RedisBroker broker,
            Namespaces namespaces, ExecutorService control, Duration maxBackoff, String nodeId) {
        this.address = address;
        this.clientConfig = clientConfig;
        this.keys = keys;
        this.hub = hub;
        this.broker = broker;
        this.namespaces = namespaces;
        this.control = control;
        this.maxBackoff = maxBackoff;
        this.nodeChannel = keys.prefix() + "node:" + nodeId;
        hub.watch(channel -> control.execute(() -> follow(channel)));
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
            try (Jedis jedis = new Jedis(address, clientConfig)) {
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
            broker.reconnected();
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
        Publication publication = broker.publication(name, message);
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

    private void follow(ChannelName channel) {
        boolean want = hub.hasSubscribers(channel);
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
            stored = broker.read(channel, last.offset(), namespaces.of(channel));
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
        hub.deliver(publication);
    }

    private void lost(ChannelName channel) {
        LOG.log(System.Logger.Level.WARNING, "publications of {0} cannot be recovered on this node", channel);
        delivered.remove(channel);
        hub.lose(channel);
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
