package io.herald.connection.control;

/**
 * Whether WebSocket handshakes are accepted ({@code herald.connection.websocket-enabled}, read once at
 * start). Off, every handshake is refused as behind a proxy that strips upgrades, and clients fall back to
 * the HTTP transports. Connections already open are not touched. Not a record so that the browser tests
 * can deploy a subclass that switches at run time, without a switch in here.
 */
public class Upgrades {

    private final boolean allowed;

    public Upgrades(boolean allowed) {
        this.allowed = allowed;
    }

    public boolean allowed() {
        return allowed;
    }
}
