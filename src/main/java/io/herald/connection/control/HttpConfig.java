package io.herald.connection.control;

import io.herald.channel.control.Namespaces;
import io.herald.connection.entity.HttpLimits;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Broker;
import io.herald.delivery.control.Hub;
import io.herald.metrics.control.Meters;
import io.herald.platform.Threads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the HTTP transports (SSE, long-poll, poll) from MicroProfile Config; each default is set here only. */
@ApplicationScoped
public class HttpConfig {

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

    @Produces
    @Singleton
    HttpLimits httpLimits() {
        return new HttpLimits(longPollWait, maxLongPollWait, maxWaitingPolls);
    }

    @Produces
    @Singleton
    Polls polls(Namespaces namespaces, Broker broker, Hub hub, Limits limits, HttpLimits httpLimits, Meters meters,
            Threads threads) {
        return new Polls(namespaces, broker, hub, limits, httpLimits, meters, threads.writers());
    }

    @Produces
    @Singleton
    Streams streams(Connections connections, Commands commands) {
        return new Streams(connections, commands);
    }
}
