package io.herald.delivery.control;

import io.herald.delivery.entity.Publish;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/**
 * Publishes the {@link Publish} events fired inside the WAR, synchronously ({@code fire}: a Refusal
 * reaches the caller) or asynchronously ({@code fireAsync}: it completes the returned stage exceptionally).
 */
@ApplicationScoped
public class PublishEvents {

    @Inject
    Publisher publisher;

    void publish(@Observes Publish request) {
        publisher.publish(request, Publisher.Source.SYSTEM);
    }

    void publishAsync(@ObservesAsync Publish request) {
        publisher.publish(request, Publisher.Source.SYSTEM);
    }
}
