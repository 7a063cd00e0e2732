package io.herald.connection.control;

import io.herald.channel.control.Namespaces;
import io.herald.connection.entity.HttpLimits;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Broker;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Publisher;
import io.herald.metrics.control.Meters;
import io.herald.platform.NodeStopping;
import io.herald.platform.Threads;
import io.herald.security.control.Devices;
import io.herald.security.control.Quotas;
import io.herald.security.control.SecurityConfig;
import io.herald.security.control.Tickets;
import io.herald.security.entity.DeviceChanged;
import io.herald.security.entity.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the connection component from MicroProfile Config, the HTTP transports included; each default is
 * the one place it is set.
 */
@ApplicationScoped
public class ConnectionConfig {

    /** Any client frame fits easily; a larger one is refused (1009) before it is parsed. */
    @Inject
    @ConfigProperty(name = "herald.connection.max-message-bytes", defaultValue = "65536")
    int maxMessageBytes;

    /** A dashboard needs a handful; a bound stops one client from holding thousands of subscriptions. */
    @Inject
    @ConfigProperty(name = "herald.connection.max-channels", defaultValue = "128")
    int maxChannels;

    /** What may wait for one client before it is closed as slow (4003): bounds memory per stalled client. */
    @Inject
    @ConfigProperty(name = "herald.connection.outbox-max-bytes", defaultValue = "1048576")
    long outboxMaxBytes;

    /** Upper size of one write when several frames wait: fewer writes without huge frames. */
    @Inject
    @ConfigProperty(name = "herald.connection.max-batch-bytes", defaultValue = "65536")
    int maxBatchBytes;

    /** Below the 30-60 s idle timeouts of common proxies and load balancers. */
    @Inject
    @ConfigProperty(name = "herald.connection.heartbeat-interval", defaultValue = "PT25S")
    Duration heartbeatInterval;

    /** Two missed heartbeats and some slack: the client is gone. */
    @Inject
    @ConfigProperty(name = "herald.connection.idle-timeout", defaultValue = "PT60S")
    Duration idleTimeout;

    /** Per node; about 30 KB each, so the default stays within a 1 GB heap with room for traffic. */
    @Inject
    @ConfigProperty(name = "herald.connection.max-connections", defaultValue = "20000")
    int maxConnections;

    /** On: WebSocket is the real-time transport; off forces every client onto the HTTP fallbacks. */
    @Inject
    @ConfigProperty(name = "herald.connection.websocket-enabled", defaultValue = "true")
    boolean websocketEnabled;

    /**
     * On SIGTERM the open connections are closed over this long: their clients reconnect elsewhere as a steady
     * stream, and the node still stops well within an orchestrator's kill timeout (docker stop: 10 s).
     */
    @Inject
    @ConfigProperty(name = "herald.connection.drain-window", defaultValue = "PT3S")
    Duration drainWindow;

    /** How long a draining connection's last writes may take before it is closed anyway (a client not reading). */
    @Inject
    @ConfigProperty(name = "herald.connection.drain-write-timeout", defaultValue = "PT1S")
    Duration drainWriteTimeout;

    /** Below the 30-60 s idle timeouts of common proxies, so a waiting poll is not cut off. */
    @Inject
    @ConfigProperty(name = "herald.http.long-poll-wait", defaultValue = "PT25S")
    Duration longPollWait;

    /** A client cannot hold a request (and its hub subscriptions) open longer than this. */
    @Inject
    @ConfigProperty(name = "herald.http.max-long-poll-wait", defaultValue = "PT60S")
    Duration maxLongPollWait;

    /** Each waiting poll costs a suspended request and a subscription per channel; past this, 503. */
    @Inject
    @ConfigProperty(name = "herald.http.max-waiting-polls", defaultValue = "10000")
    int maxWaitingPolls;

    /** One address (an office, a NAT) gets a share of the polls above, never all of them; as for connections. */
    @Inject
    @ConfigProperty(name = "herald.http.max-waiting-polls-per-address", defaultValue = "200")
    int maxWaitingPollsPerAddress;

    /**
     * A full node or address gives the place of a poll that has waited this long to a new one: the place of
     * a client that left comes free within it, and a client that stays polls again at most this often.
     */
    @Inject
    @ConfigProperty(name = "herald.http.poll-eviction-after", defaultValue = "PT1S")
    Duration pollEvictionAfter;

    /** Made with the connections it closes; not a bean of its own, so that nothing can make a second one. */
    private volatile Revocations revocations;

    @Produces
    @Singleton
    Limits limits() {
        return new Limits(
                maxMessageBytes,
                maxChannels,
                outboxMaxBytes,
                maxBatchBytes,
                heartbeatInterval,
                idleTimeout,
                maxConnections);
    }

    @Produces
    @Singleton
    Connections connections(
            Limits limits,
            Hub hub,
            Threads threads,
            Meters meters,
            SecurityConfig security,
            Quotas quotas,
            RateLimit rate,
            Devices devices) {
        Connections connections =
                new Connections(limits, hub, threads.backlog(), meters, security.clockSkew(), quotas, rate);
        long tick = Math.max(50, Math.min(1000, Math.min(heartbeatInterval.toMillis(), idleTimeout.toMillis()) / 4));
        threads.every(Duration.ofMillis(tick), connections::tick);
        // with the connections, not at the first local revocation: changes made on other nodes arrive this way
        revocations = new Revocations(connections, devices);
        threads.every(security.deviceRecheck(), revocations::recheck);
        return connections;
    }

    /**
     * A device changed on this node: its connections here that use the old credential close at once.
     * {@code connections} is asked for so that the connections (and with them {@link #revocations}) exist.
     */
    void deviceChanged(@Observes DeviceChanged changed, Connections connections) {
        revocations.changed(changed.id());
    }

    /** SIGTERM: the clients move to other nodes before the server stops (returns when they have). */
    void drain(@Observes NodeStopping stopping, Connections connections, Polls polls) {
        new Drain(connections, polls, drainWindow, drainWriteTimeout).run();
    }

    /** The application stops without a drain before (no SIGTERM), or after one: whatever is open closes now. */
    void shutdown(@Disposes Connections connections) {
        connections.shutdown();
    }

    @Produces
    @Singleton
    Commands commands(
            Namespaces namespaces,
            Hub hub,
            Broker broker,
            Publisher publisher,
            Limits limits,
            Meters meters,
            Tickets tickets) {
        return new Commands(namespaces, hub, broker, publisher, limits, meters, tickets::redeem);
    }

    @Produces
    @Singleton
    Upgrades upgrades() {
        return new Upgrades(websocketEnabled);
    }

    @Produces
    @Singleton
    HttpLimits httpLimits() {
        return new HttpLimits(
                longPollWait, maxLongPollWait, maxWaitingPolls, maxWaitingPollsPerAddress, pollEvictionAfter);
    }

    @Produces
    @Singleton
    Polls polls(
            Namespaces namespaces,
            Broker broker,
            Hub hub,
            Limits limits,
            HttpLimits httpLimits,
            Meters meters,
            Threads threads) {
        return new Polls(namespaces, broker, hub, limits, httpLimits, meters, threads.writers(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    Streams streams(Connections connections, Commands commands) {
        return new Streams(connections, commands);
    }
}
