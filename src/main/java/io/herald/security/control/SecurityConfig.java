package io.herald.security.control;

import io.herald.metrics.control.Meters;
import io.herald.platform.Threads;
import io.herald.security.entity.DeviceChanged;
import io.herald.security.entity.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    /**
     * Off: the page's own origin must have the scheme the request came in with. On only behind a proxy that
     * terminates TLS and sets {@code X-Forwarded-Proto} itself (a client's own value must never get through).
     */
    @Inject
    @ConfigProperty(name = "herald.security.trust-forwarded-proto", defaultValue = "false")
    boolean trustForwardedProto;

    /** The group a system needs to use POST /api/publish: publishing to any channel is a trusted act. */
    @Inject
    @ConfigProperty(name = "herald.publish.role", defaultValue = "herald-publisher")
    String publishRole;

    /** Off: an open publish API lets anyone who reaches it write to every channel. */
    @Inject
    @ConfigProperty(name = "herald.publish.anonymous", defaultValue = "false")
    boolean publishAnonymous;

    /** Far above what a UI sends (subscribes, pings, a few publishes), far below what a script can. */
    @Inject
    @ConfigProperty(name = "herald.security.rate-limit", defaultValue = "100")
    int rateLimit;

    /** Lets a page subscribe to a screenful of channels at once after connecting. */
    @Inject
    @ConfigProperty(name = "herald.security.rate-burst", defaultValue = "20")
    int rateBurst;

    /** The period rate-limit counts over; a minute smooths a UI's bursts. */
    @Inject
    @ConfigProperty(name = "herald.security.rate-window", defaultValue = "PT1M")
    Duration rateWindow;

    /** A client that ignores this many rate_limited errors in one window is a script: close it (4008). */
    @Inject
    @ConfigProperty(name = "herald.security.rate-abuse-threshold", defaultValue = "50")
    int rateAbuseThreshold;

    /** Generous for one person's tabs and devices; stops one account from holding a node's connections. */
    @Inject
    @ConfigProperty(name = "herald.security.max-connections-per-user", defaultValue = "20")
    int maxConnectionsPerUser;

    /** Room for an office or a carrier NAT behind one address; raise it for load tests from one machine. */
    @Inject
    @ConfigProperty(name = "herald.security.max-connections-per-address", defaultValue = "200")
    int maxConnectionsPerAddress;

    /** About the node's handshake capacity (~1.6 ms CPU each): a reconnect storm queues instead of starving it. */
    @Inject
    @ConfigProperty(name = "herald.security.max-handshakes-per-second", defaultValue = "500")
    int maxHandshakesPerSecond;

    /** Device administration is an operator's act: a device token opens channels for as long as it lives. */
    @Inject
    @ConfigProperty(name = "herald.security.device-admin-role", defaultValue = "herald-admin")
    String deviceAdminRole;

    /** How soon a node notices a device revoked on another node (Redis mode); one store read per device. */
    @Inject
    @ConfigProperty(name = "herald.security.device-recheck", defaultValue = "PT30S")
    Duration deviceRecheck;

    /** Room for a name with a site and a floor ("hq-floor-3-lobby-east"), short enough for channel names. */
    @Inject
    @ConfigProperty(name = "herald.security.device-max-id-length", defaultValue = "64")
    int deviceMaxIdLength;

    /** A display needs a few groups; a bound keeps a record and every check on it small. */
    @Inject
    @ConfigProperty(name = "herald.security.device-max-groups", defaultValue = "32")
    int deviceMaxGroups;

    @Produces
    @Singleton
    RateLimit rateLimit() {
        return new RateLimit(rateLimit, rateBurst, rateWindow, rateAbuseThreshold);
    }

    @Produces
    @Singleton
    Quotas quotas() {
        return new Quotas(maxConnectionsPerUser, maxConnectionsPerAddress);
    }

    @Produces
    @Singleton
    Handshakes handshakes() {
        return new Handshakes(maxHandshakesPerSecond, System::nanoTime);
    }

    @Produces
    @Singleton
    Throttles throttles(RateLimit rate, Threads threads, Meters meters) {
        Throttles throttles = new Throttles(rate, System::nanoTime, meters);
        threads.every(Duration.ofSeconds(10), throttles::sweep);
        return throttles;
    }

    @Produces
    @Singleton
    Tickets tickets() {
        return new Tickets(ticketTtl, System::nanoTime);
    }

    @Produces
    @Singleton
    Origins origins() {
        return new Origins(List.of(allowedOrigins.split(",")), trustForwardedProto);
    }

    @Produces
    @Singleton
    SystemPublishers systemPublishers() {
        return new SystemPublishers(publishRole.trim(), publishAnonymous);
    }

    @Produces
    @Singleton
    Devices devices(Instance<DevicesProvider> providers) {
        for (DevicesProvider provider : providers) {
            Optional<Devices> configured = provider.devices();
            if (configured.isPresent()) {
                return configured.get();
            }
        }
        return new MemoryDevices();
    }

    @Produces
    @Singleton
    DeviceCredentials deviceCredentials(Devices devices, Meters meters) {
        return new DeviceCredentials(devices, meters);
    }

    @Produces
    @Singleton
    Provisioning provisioning(Devices devices, Meters meters, Tickets tickets, Event<DeviceChanged> changed) {
        return new Provisioning(
                devices, deviceAdminRole.trim(), deviceMaxIdLength, deviceMaxGroups, Clock.systemUTC(), meters, id -> {
                    tickets.forgetDevice(id);
                    changed.fire(new DeviceChanged(id));
                });
    }

    public Duration clockSkew() {
        return clockSkew;
    }

    public Duration deviceRecheck() {
        return deviceRecheck;
    }
}
