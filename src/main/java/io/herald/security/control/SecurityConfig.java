package io.herald.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the security component from MicroProfile Config; each default is set here only. */
@ApplicationScoped
public class SecurityConfig {

    /** Long enough to open a connection right after asking, short enough that a leaked ticket is useless. */
    @Inject
    @ConfigProperty(name = "herald.security.ticket-ttl", defaultValue = "PT30S")
    Duration ticketTtl;

    /** Tolerates clocks of issuer and node that differ a little, without keeping expired tokens alive long. */
    @Inject
    @ConfigProperty(name = "herald.security.clock-skew", defaultValue = "PT30S")
    Duration clockSkew;

    /** Empty: same origin only, the safe choice when Herald serves its own pages. */
    @Inject
    @ConfigProperty(name = "herald.security.allowed-origins", defaultValue = " ")
    String allowedOrigins;

    /** The group a system needs to use POST /api/publish: publishing to any channel is a trusted act. */
    @Inject
    @ConfigProperty(name = "herald.publish.role", defaultValue = "herald-publisher")
    String publishRole;

    /** Off: an open publish API lets anyone who reaches it write to every channel. */
    @Inject
    @ConfigProperty(name = "herald.publish.anonymous", defaultValue = "false")
    boolean publishAnonymous;

    @Produces
    @Singleton
    Tickets tickets() {
        return new Tickets(ticketTtl, System::nanoTime);
    }

    @Produces
    @Singleton
    Origins origins() {
        return new Origins(List.of(allowedOrigins.split(",")));
    }

    @Produces
    @Singleton
    SystemPublishers systemPublishers() {
        return new SystemPublishers(publishRole.trim(), publishAnonymous);
    }

    public Duration clockSkew() {
        return clockSkew;
    }
}
