package io.herald.redis.control;

import io.herald.channel.control.Namespaces;
import io.herald.delivery.control.Broker;
import io.herald.delivery.control.BrokerProvider;
import io.herald.delivery.control.DeliveryConfig;
import io.herald.platform.Threads;
import io.herald.security.control.Devices;
import io.herald.security.control.DevicesProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Offers the Redis broker and device store when {@code herald.redis.url} is set; without it Herald stays
 * a single node with everything in memory. Every connection setting is Herald's own, never a client default.
 */
@ApplicationScoped
public class RedisConfig implements BrokerProvider, DevicesProvider {

    private static final System.Logger LOG = System.getLogger(RedisConfig.class.getName());

    /** redis://[user:password@]host:port[/database] (rediss:// for TLS); unset: single node, in memory. */
    @Inject
    @ConfigProperty(name = "herald.redis.url")
    Optional<String> url;

    /** Lets several Herald clusters share one Redis. */
    @Inject
    @ConfigProperty(name = "herald.redis.key-prefix", defaultValue = "herald:")
    String prefix;

    /** Connections for publish and resume; each command holds one for about a millisecond. */
    @Inject
    @ConfigProperty(name = "herald.redis.pool-size", defaultValue = "16")
    int poolSize;

    /**
     * The longest a request waits for Redis in all (a pooled connection, opening one, the command): a
     * publish is answered 503 within it when Redis does not answer, and at once while the node knows so.
     */
    @Inject
    @ConfigProperty(name = "herald.redis.timeout", defaultValue = "PT2S")
    Duration timeout;

    /** How often the node's subscription is pinged; a silent connection is dropped after 5 intervals. */
    @Inject
    @ConfigProperty(name = "herald.redis.heartbeat-interval", defaultValue = "PT2S")
    Duration heartbeat;

    /** Upper bound of the jittered exponential backoff between reconnect attempts. */
    @Inject
    @ConfigProperty(name = "herald.redis.reconnect-max-backoff", defaultValue = "PT5S")
    Duration maxBackoff;

    /** The delivery settings both brokers share (channel idle TTL, idempotency window), declared there. */
    @Inject
    DeliveryConfig delivery;

    @Inject
    Namespaces namespaces;

    @Inject
    Threads threads;

    private RedisNode node;

    @Override
    public Optional<Broker> broker() {
        return node().map(RedisNode::broker);
    }

    @Override
    public Optional<Devices> devices() {
        return node().map(RedisNode::devices);
    }

    /** The node's connection to Redis, started by whichever of the broker and the device store is needed first. */
    private synchronized Optional<RedisNode> node() {
        if (url.isEmpty() || url.get().isBlank()) {
            return Optional.empty();
        }
        if (node == null) {
            URI uri = URI.create(url.get().trim());
            node = RedisNode.start(
                    new RedisSettings(
                            uri,
                            prefix,
                            poolSize,
                            timeout,
                            heartbeat,
                            maxBackoff,
                            delivery.channelIdleTtl(),
                            delivery.idempotencyWindow()),
                    namespaces,
                    threads.factory());
            LOG.log(
                    System.Logger.Level.INFO,
                    "Herald joins the cluster through Redis at {0}:{1}",
                    uri.getHost(),
                    String.valueOf(uri.getPort()));
        }
        return Optional.of(node);
    }

    @PreDestroy
    synchronized void stop() {
        if (node != null) {
            node.close();
        }
    }
}
