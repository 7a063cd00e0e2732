package io.herald.connection.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether WebSocket handshakes are accepted. Read once at start; {@link #allow(boolean)} flips it at run
 * time and is used only by the tests, to act like a proxy that strips upgrades so that clients fall back
 * to the HTTP transports. Connections already open are not touched.
 */
@ApplicationScoped
public class Upgrades {

    /** On: WebSocket is the real-time transport; off forces every client onto the HTTP fallbacks. */
    @Inject
    @ConfigProperty(name = "herald.connection.websocket-enabled", defaultValue = "true")
    boolean websocketEnabled;

    private volatile boolean allowed;

    @PostConstruct
    void start() {
        allowed = websocketEnabled;
    }

    public boolean allowed() {
        return allowed;
    }

    public void allow(boolean allowed) {
        this.allowed = allowed;
    }
}
