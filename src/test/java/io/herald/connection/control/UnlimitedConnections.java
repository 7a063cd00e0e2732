package io.herald.connection.control;

import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.metrics.control.Meters;
import io.herald.platform.Backlog;
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
                new Backlog(Runnable::run, Long.MAX_VALUE, Duration.ofDays(1)),
                Meters.none(),
                Duration.ZERO,
                new Quotas(Integer.MAX_VALUE, Integer.MAX_VALUE),
                RateLimit.UNLIMITED);
    }
}
