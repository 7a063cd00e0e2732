package io.herald.redis.control;

import io.herald.channel.control.Namespaces;
import io.herald.security.control.Devices;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** One Herald node's connection to Redis: the command pool, the subscription and its threads, the device store. */
public final class RedisNode implements AutoCloseable {

    private final String id;
    private final RedisCalls calls;
    private final RedisBroker broker;
    private final RedisDevices devices;
    private final ExecutorService control;
    private final ScheduledExecutorService heartbeats;

    private RedisNode(
            String id,
            RedisCalls calls,
            RedisBroker broker,
            RedisDevices devices,
            ExecutorService control,
            ScheduledExecutorService heartbeats) {
        this.id = id;
        this.calls = calls;
        this.broker = broker;
        this.devices = devices;
        this.control = control;
        this.heartbeats = heartbeats;
    }

    /** Connects in the background, retrying with backoff: start never waits for Redis. */
    public static RedisNode start(RedisSettings settings, Namespaces namespaces, ThreadFactory threads) {
        URI uri = settings.url();
        HostAndPort address = new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
        int timeout = (int) settings.timeout().toMillis();
        RedisCalls calls = new RedisCalls(
                address,
                millis -> clientConfig(uri)
                        .connectionTimeoutMillis(millis)
                        .socketTimeoutMillis(millis)
                        .build(),
                settings.poolSize(),
                settings.timeout());
        Keys keys = new Keys(settings.prefix());
        ExecutorService control = Executors.newSingleThreadExecutor(named(threads, "herald-redis-control"));
        String id = UUID.randomUUID().toString();
        DefaultJedisClientConfig subscription = clientConfig(uri)
                .clientName("herald-" + id)
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis((int) settings.heartbeat().multipliedBy(5).toMillis())
                .build();
        RedisBroker broker = new RedisBroker(
                calls,
                keys,
                namespaces,
                settings,
                Clock.systemUTC(),
                () -> new Jedis(address, subscription),
                control,
                id);
        broker.start(named(threads, "herald-redis-subscription"));
        ScheduledExecutorService heartbeats =
                Executors.newSingleThreadScheduledExecutor(named(threads, "herald-redis-heartbeat"));
        long every = settings.heartbeat().toMillis();
        // the probe runs here, not on the control thread: it may wait for Redis as long as a command may
        heartbeats.scheduleWithFixedDelay(
                () -> {
                    control.execute(broker::heartbeat);
                    calls.probe();
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        return new RedisNode(id, calls, broker, new RedisDevices(calls, keys), control, heartbeats);
    }

    /** This node's id; its subscription connection is named {@code herald-<id>} in CLIENT LIST. */
    public String id() {
        return id;
    }

    public RedisBroker broker() {
        return broker;
    }

    /** The cluster's device records, through this node's command pool. */
    public Devices devices() {
        return devices;
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        broker.stop();
        control.shutdownNow();
        calls.close();
    }

    private static ThreadFactory named(ThreadFactory threads, String name) {
        return task -> {
            Thread thread = threads.newThread(task);
            thread.setName(name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static DefaultJedisClientConfig.Builder clientConfig(URI uri) {
        DefaultJedisClientConfig.Builder builder =
                DefaultJedisClientConfig.builder().clientName("herald");
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon > 0) {
                builder.user(userInfo.substring(0, colon));
            }
            builder.password(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            builder.database(Integer.parseInt(path.substring(1)));
        }
        return builder.ssl("rediss".equals(uri.getScheme()));
    }
}
