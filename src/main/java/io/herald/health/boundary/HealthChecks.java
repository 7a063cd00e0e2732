package io.herald.health.boundary;

import io.herald.connection.control.Connections;
import io.herald.delivery.control.Broker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness: the application is deployed and answering. Readiness: it can take publications and
 * connections (the broker works and the node is not shutting down).
 */
@ApplicationScoped
public class HealthChecks {

    @Inject
    Broker broker;

    @Inject
    Connections connections;

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.up("herald");
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> HealthCheckResponse.named("herald")
                .status(broker.ready() && !connections.shuttingDown())
                .withData("broker", broker.ready() ? "up" : "down")
                .withData("connections", connections.size())
                .build();
    }
}
