package io.herald.connection.boundary;

import io.herald.connection.control.Upgrades;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Refuses the WebSocket handshake (403) while {@link Upgrades} says so, as an intercepting proxy would,
 * so that clients take the HTTP fallbacks. Consulted per handshake: a flip applies to the next one.
 */
public class WebSocketGate extends ServerEndpointConfig.Configurator {

    private static final System.Logger LOG = System.getLogger(WebSocketGate.class.getName());

    @Override
    public boolean checkOrigin(String origin) {
        boolean allowed = CDI.current().select(Upgrades.class).get().allowed();
        if (!allowed) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket handshake refused: upgrades are disabled");
        }
        return allowed;
    }
}
