package io.herald.delivery.control;

import io.herald.channel.control.Namespaces;
import io.herald.delivery.entity.PublishLimits;
import io.herald.platform.Threads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the delivery component from MicroProfile Config, the publish API included; each default is the one
 * place it is set. The Redis broker reads the settings it shares with the memory broker from here.
 */
@ApplicationScoped
public class DeliveryConfig {

    /** As long as a client may reasonably retry a publish (Centrifugo and Ably use minutes too). */
    @Inject
    @ConfigProperty(name = "herald.delivery.idempotency-window", defaultValue = "PT5M")
    Duration idempotencyWindow;

    /** Caps the memory a stream of fresh keys can take (about 200 bytes each). */
    @Inject
    @ConfigProperty(name = "herald.delivery.idempotency-max-keys", defaultValue = "100000")
    int idempotencyMaxKeys;

    /** Larger than any notification, small enough that one publication cannot flood every outbox. */
    @Inject
    @ConfigProperty(name = "herald.delivery.max-data-bytes", defaultValue = "65536")
    int maxDataBytes;

    /** Room for a UUID or a hash with a prefix. */
    @Inject
    @ConfigProperty(name = "herald.delivery.max-idempotency-key-length", defaultValue = "128")
    int maxKeyLength;

    /** A channel unused this long is forgotten; its history has expired long before. */
    @Inject
    @ConfigProperty(name = "herald.delivery.channel-idle-ttl", defaultValue = "PT1H")
    Duration channelIdleTtl;

    /** A batch of 100 publications of a few KB each; larger requests are refused with 413. */
    @Inject
    @ConfigProperty(name = "herald.publish.max-body-bytes", defaultValue = "1048576")
    int maxBodyBytes;

    /** Publications per batch request. */
    @Inject
    @ConfigProperty(name = "herald.publish.max-batch", defaultValue = "100")
    int maxBatch;

    public Duration idempotencyWindow() {
        return idempotencyWindow;
    }

    public Duration channelIdleTtl() {
        return channelIdleTtl;
    }

    @Produces
    @Singleton
    PublishLimits publishLimits() {
        return new PublishLimits(maxBodyBytes, maxBatch);
    }

    /** The hub is built on the broker and follows channels there; the broker never needs the hub to exist. */
    @Produces
    @Singleton
    Hub hub(Broker broker) {
        return new Hub(broker);
    }

    @Produces
    @Singleton
    Broker broker(Namespaces namespaces, Threads threads, Instance<BrokerProvider> providers) {
        for (BrokerProvider provider : providers) {
            java.util.Optional<Broker> configured = provider.broker();
            if (configured.isPresent()) {
                return configured.get();
            }
        }
        MemoryBroker broker = new MemoryBroker(namespaces, idempotencyWindow, idempotencyMaxKeys, Clock.systemUTC());
        threads.every(Duration.ofMinutes(1), () -> broker.sweep(channelIdleTtl));
        return broker;
    }

    @Produces
    @Singleton
    Publisher publisher(Namespaces namespaces, Broker broker, Threads threads) {
        return new Publisher(namespaces, broker, maxDataBytes, maxKeyLength, threads.backlog()::overloaded);
    }
}
