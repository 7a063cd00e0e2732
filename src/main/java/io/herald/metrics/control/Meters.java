package io.herald.metrics.control;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Herald's meters, named {@code herald.*} (Prometheus: {@code herald_*}). Without a MetricRegistry
 * (a server without MicroProfile Metrics) every call does nothing, so the WAR still deploys there.
 */
public final class Meters {

    private static final java.util.List<String> VIOLATIONS = java.util.List.of(
            "rate_limited",
            "too_many_connections",
            "handshake_rate",
            "origin",
            "unauthenticated",
            "forbidden",
            "device_token");
    private static final java.util.List<String> DEVICE_EVENTS = java.util.List.of("provisioned", "rotated", "revoked");

    private final MetricRegistry registry;
    private final Counter received;
    private final Counter sent;
    private final Timer latency;
    private final ConcurrentHashMap<String, Counter> tagged = new ConcurrentHashMap<>();

    public Meters(MetricRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            received = null;
            sent = null;
            latency = null;
            return;
        }
        received = registry.counter(Metadata.builder()
                .withName("herald.messages.received")
                .withDescription("Frames received from clients")
                .build());
        sent = registry.counter(Metadata.builder()
                .withName("herald.messages.sent")
                .withDescription("Frames written to clients (several may share one write)")
                .build());
        latency = registry.timer(Metadata.builder()
                .withName("herald.delivery.latency")
                .withDescription("From a publication reaching this node to its write to a client")
                .build());
        // registered now, not at the first violation: an alert on a rate needs the series from the start
        for (String kind : VIOLATIONS) {
            tagged.computeIfAbsent(
                    "herald.security.violations\n" + kind,
                    k -> registry.counter("herald.security.violations", new Tag("kind", kind)));
        }
        for (String event : DEVICE_EVENTS) {
            tagged.computeIfAbsent(
                    "herald.security.devices\n" + event,
                    k -> registry.counter("herald.security.devices", new Tag("event", event)));
        }
    }

    public static Meters none() {
        return new Meters(null);
    }

    public void received() {
        if (received != null) {
            received.inc();
        }
    }

    public void sent(int frames) {
        if (sent != null) {
            sent.inc(frames);
        }
    }

    public void latency(long nanos) {
        if (latency != null) {
            latency.update(Duration.ofNanos(nanos));
        }
    }

    public void connectionOpened(String transport) {
        count("herald.connections.opened", "transport", transport);
    }

    public void disconnected(String reason) {
        count("herald.disconnections", "reason", reason);
    }

    public void error(String kind) {
        count("herald.errors", "kind", kind);
    }

    /**
     * A refused attempt that security limits or checks stopped: kind {@code rate_limited},
     * {@code too_many_connections}, {@code handshake_rate}, {@code origin}, {@code unauthenticated}, {@code forbidden},
     * {@code device_token} (a device token that is malformed, unknown or revoked).
     */
    public void violation(String kind) {
        count("herald.security.violations", "kind", kind);
    }

    /** A change of a device's credential: event {@code provisioned}, {@code rotated} or {@code revoked}. */
    public void device(String event) {
        count("herald.security.devices", "event", event);
    }

    /** One long-poll or poll request (kind {@code long-poll} or {@code poll}). */
    public void polled(String kind) {
        count("herald.http.polls", "kind", kind);
    }

    public void gauge(String name, String description, Supplier<Number> value, Tag... tags) {
        if (registry != null) {
            registry.gauge(
                    Metadata.builder()
                            .withName(name)
                            .withDescription(description)
                            .build(),
                    value,
                    tags);
        }
    }

    private void count(String name, String tag, String value) {
        if (registry != null) {
            tagged.computeIfAbsent(name + '\n' + value, k -> registry.counter(name, new Tag(tag, value)))
                    .inc();
        }
    }
}
