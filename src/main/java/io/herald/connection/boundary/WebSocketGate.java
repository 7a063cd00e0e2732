package io.herald.connection.boundary;

import io.herald.connection.control.Upgrades;
import io.herald.problem.entity.Refusal;
import io.herald.security.control.Tickets;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * The WebSocket handshake's checks: refuses it (403) while {@link Upgrades} says so, as an intercepting
 * proxy would, and redeems a connection ticket offered as subprotocol {@code herald.ticket.<ticket>}.
 * Origins (which need the Host header) are checked by {@link EntryGate} before the upgrade.
 */
public class WebSocketGate extends ServerEndpointConfig.Configurator {

    /** User property: the identity of a redeemed ticket, or {@link #TICKET_REFUSED}. */
    static final String TICKET_IDENTITY = "herald.ticket.identity";
    static final Object TICKET_REFUSED = new Object();
    static final String TICKET_PREFIX = "herald.ticket.";
    /** Header that {@link EntryGate} sets to the client's remote address; user property of the same name. */
    static final String REMOTE_ADDRESS = "X-Herald-Remote-Address";

    private static final System.Logger LOG = System.getLogger(WebSocketGate.class.getName());

    @Override
    public boolean checkOrigin(String origin) {
        boolean allowed = CDI.current().select(Upgrades.class).get().allowed();
        if (!allowed) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket handshake refused: upgrades are disabled");
        }
        // the origin itself was checked by EntryGate, which also sees the Host header
        return allowed;
    }

    /** Security: the offered subprotocols are untrusted; a ticket is only looked up, then consumed. */
    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String ticket = ticket(request.getHeaders().get(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL));
        // the properties are this connection's copy (WebSocket 2.1); cleared anyway, so that no identity
        // can ever carry over to a connection that offered no ticket
        config.getUserProperties().remove(TICKET_IDENTITY);
        List<String> address = request.getHeaders().get(REMOTE_ADDRESS);
        if (address == null) {
            // header maps of some containers are case sensitive
            address = request.getHeaders().get(REMOTE_ADDRESS.toLowerCase(java.util.Locale.ROOT));
        }
        if (address == null || address.isEmpty()) {
            config.getUserProperties().remove(REMOTE_ADDRESS);
        } else {
            config.getUserProperties().put(REMOTE_ADDRESS, address.get(0));
        }
        if (ticket != null) {
            try {
                config.getUserProperties().put(TICKET_IDENTITY,
                        CDI.current().select(Tickets.class).get().redeem(ticket));
            } catch (Refusal refusal) {
                config.getUserProperties().put(TICKET_IDENTITY, TICKET_REFUSED);
            }
        }
    }

    static String ticket(List<String> offered) {
        if (offered == null) {
            return null;
        }
        for (String header : offered) {
            for (String protocol : header.split(",")) {
                String candidate = protocol.trim();
                if (candidate.startsWith(TICKET_PREFIX)) {
                    return candidate.substring(TICKET_PREFIX.length());
                }
            }
        }
        return null;
    }
}
