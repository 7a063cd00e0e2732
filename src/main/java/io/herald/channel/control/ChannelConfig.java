package io.herald.channel.control;

import io.herald.channel.entity.Access;
import io.herald.channel.entity.Namespace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the namespaces from MicroProfile Config: {@code herald.channel.namespaces} lists them, and
 * {@code herald.channel.namespace.<name>.<option>} overrides the defaults below for one of them.
 */
@ApplicationScoped
public class ChannelConfig {

    @Inject
    Config config;

    /** The namespaces that exist; a channel in any other namespace is refused. */
    @Inject
    @ConfigProperty(name = "herald.channel.namespaces", defaultValue = "demo")
    List<String> namespaces;

    /** Long enough for personal and tenant channels, short enough to keep keys and frames small. */
    @Inject
    @ConfigProperty(name = "herald.channel.max-name-length", defaultValue = "255")
    int maxNameLength;

    /** Enough to bridge a reconnect of a busy dashboard without holding much memory per channel. */
    @Inject
    @ConfigProperty(name = "herald.channel.history-size", defaultValue = "100")
    int historySize;

    /** Covers a network blip, a laptop lid or a server restart behind a load balancer. */
    @Inject
    @ConfigProperty(name = "herald.channel.history-ttl", defaultValue = "PT5M")
    Duration historyTtl;

    /** Off: by default only trusted systems (REST API, CDI events) publish. */
    @Inject
    @ConfigProperty(name = "herald.channel.client-publish", defaultValue = "false")
    boolean clientPublish;

    /** Closed: a namespace is opened to clients without a token only by a deliberate setting. */
    @Inject
    @ConfigProperty(name = "herald.channel.anonymous", defaultValue = "false")
    boolean anonymous;

    /** Empty: any authenticated identity may subscribe. */
    @Inject
    @ConfigProperty(name = "herald.channel.subscribe-roles", defaultValue = " ")
    String subscribeRoles;

    /** Empty: any authenticated identity may publish where client-publish allows it. */
    @Inject
    @ConfigProperty(name = "herald.channel.publish-roles", defaultValue = " ")
    String publishRoles;

    @Produces
    @Singleton
    Namespaces namespaces() {
        Map<String, Namespace> byName = new LinkedHashMap<>();
        for (String name : namespaces) {
            String prefix = "herald.channel.namespace." + name.trim() + ".";
            byName.put(
                    name.trim(),
                    new Namespace(
                            name.trim(),
                            config.getOptionalValue(prefix + "history-size", Integer.class)
                                    .orElse(historySize),
                            config.getOptionalValue(prefix + "history-ttl", Duration.class)
                                    .orElse(historyTtl),
                            config.getOptionalValue(prefix + "client-publish", Boolean.class)
                                    .orElse(clientPublish),
                            access(prefix)));
        }
        return new Namespaces(byName, maxNameLength);
    }

    private Access access(String prefix) {
        return new Access(
                config.getOptionalValue(prefix + "anonymous", Boolean.class).orElse(anonymous),
                groups(config.getOptionalValue(prefix + "subscribe-roles", String.class)
                        .orElse(subscribeRoles)),
                groups(config.getOptionalValue(prefix + "publish-roles", String.class)
                        .orElse(publishRoles)),
                config.getOptionalValue(prefix + "personal", Boolean.class).orElse(false),
                config.getOptionalValue(prefix + "group", Boolean.class).orElse(false),
                config.getOptionalValue(prefix + "device", Boolean.class).orElse(false));
    }

    private static Set<String> groups(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(g -> !g.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
