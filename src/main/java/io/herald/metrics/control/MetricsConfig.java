package io.herald.metrics.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Looks the application MetricRegistry up through {@link Instance}, so that a server without
 * MicroProfile Metrics (WildFly since 28) deploys Herald with meters switched off instead of failing.
 */
@ApplicationScoped
public class MetricsConfig {

    @Inject
    Instance<MetricRegistry> registry;

    @Produces
    @Singleton
    Meters meters() {
        return registry.isResolvable() ? new Meters(registry.get()) : Meters.none();
    }
}
