package io.herald.connection.control;

import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.metrics.control.Meters;
import io.herald.security.control.Quotas;
import io.herald.security.entity.RateLimit;
import java.time.Duration;

/**
 * The connections of a node for tests that are not about quotas, frame rates or clock skew: none applies,
 * and frames are written on the calling thread.
 */
final class UnlimitedConnections {

    private UnlimitedConnections() {}

    static Connections of(Limits limits, Hub hub) {
        return new Connections(
                limits,
                hub,
                Runnable::run,
                Meters.none(),
                Duration.ZERO,
                new Quotas(Integer.MAX_VALUE, Integer.MAX_VALUE),
                RateLimit.UNLIMITED);
    }
}
