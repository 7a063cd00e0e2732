package io.herald.delivery.control;

import java.util.Optional;

/**
 * A broker other than the in-memory one, offered by another component (Redis) when it is configured.
 * Delivery does not know the components that provide one; with none, Herald runs as a single node.
 */
public interface BrokerProvider {

    Optional<Broker> broker();
}
