package io.herald.connection.boundary;

import io.herald.connection.control.Upgrades;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.boundary.UpgradeGate;
import io.herald.security.control.DeviceCredentials;
import io.herald.security.control.Tickets;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * The WebSocket handshake's checks: refuses it (403) while {@link Upgrades} says so, as an intercepting
 * proxy would, and redeems a connection ticket offered as subprotocol {@code herald.ticket.<ticket>}, or
 * identifies the caller of a bearer token or of an {@code Authorization: Device} header (non-browser
 * players). The servlet filters of {@code io.herald.security.boundary} ran before the upgrade: the
 * handshake budget, the origin (which needs the Host header), the credential and whether an offered
 * ticket is valid. The handshake API shows headers only, not what the filters found, so the credential
 * is looked up again here: a bearer token's identity is remembered since the filter verified it
 * ({@link io.herald.security.control.Tokens}), a device is looked up so that a revocation in between opens no connection.
 */
public class WebSocketGate extends ServerEndpointConfig.Configurator {

    /** User property: the identity of a bearer token, a device token or a redeemed ticket, or a refusal marker below. */
    static final String TICKET_IDENTITY = "herald.ticket.identity";

    static final Object TICKET_REFUSED = new Object();
    static final Object DEVICE_REFUSED = new Object();
    /** Header that {@link UpgradeGate} sets to the client's remote address; user property of the same name. */
    static final String REMOTE_ADDRESS = UpgradeGate.REMOTE_ADDRESS;

    private static final System.Logger LOG = System.getLogger(WebSocketGate.class.getName());

    /** Looked up at the first handshake; one configurator serves every connection of the endpoint. */
    private volatile WebSocketParts parts;

    private WebSocketParts parts() {
        WebSocketParts looked = parts;
        if (looked == null) {
            // two first handshakes at once may both look up: the same singletons either way
            looked = WebSocketParts.lookUp();
            parts = looked;
        }
        return looked;
    }

    /**
     * Makes Herald's endpoint with the parts looked up once, instead of the container's default (on
     * Payara a CDI injection target built, and kept, per connection under one lock). Any other endpoint
     * class (none today) is left to the container.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass == WebSocketEndpoint.class) {
            return endpointClass.cast(new WebSocketEndpoint(parts()));
        }
        return super.getEndpointInstance(endpointClass);
    }

    @Override
    public boolean checkOrigin(String origin) {
        boolean allowed = parts().upgrades().allowed();
        if (!allowed) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket handshake refused: upgrades are disabled");
        }
        // the origin itself was checked by OriginGate, which also sees the Host header
        return allowed;
    }

    /** Security: the offered subprotocols and Authorization are untrusted; a ticket or device token is only looked up. */
    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String ticket = Tickets.offered(request.getHeaders().get(HandshakeRequest.SEC_WEBSOCKET_PROTOCOL));
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
        String device = deviceToken(request);
        // a handshake without credential headers reads no token
        String bearer = header(request, "Authorization") == null && header(request, "Cookie") == null
                ? null
                : parts().tokenHeader().offered(name -> header(request, name));
        if (device != null) {
            try {
                config.getUserProperties()
                        .put(TICKET_IDENTITY, parts().devices().identify(device));
            } catch (Refusal refusal) {
                // the store unreachable in this instant is no revocation: the client may retry (4007)
                config.getUserProperties()
                        .put(
                                TICKET_IDENTITY,
                                refusal.code() == ErrorCode.UNAUTHENTICATED ? DEVICE_REFUSED : TICKET_REFUSED);
            }
            return;
        }
        Object identity = null;
        if (ticket != null) {
            try {
                // redeemed even beside a bearer token, which wins: a ticket offered is used up
                identity = parts().tickets().redeem(ticket);
            } catch (Refusal refusal) {
                identity = TICKET_REFUSED;
            }
        }
        if (bearer != null) {
            try {
                identity = parts().tokens().identify(bearer);
            } catch (Refusal refusal) {
                // CredentialGate verified it an instant ago: it expired in between, or the keys went away
                identity = TICKET_REFUSED;
            }
        }
        if (identity != null) {
            config.getUserProperties().put(TICKET_IDENTITY, identity);
        }
    }

    /** A header's values; header maps of some containers are case sensitive. */
    private static List<String> header(HandshakeRequest request, String name) {
        List<String> values = request.getHeaders().get(name);
        return values != null ? values : request.getHeaders().get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The device token of the handshake's {@code Authorization} header; null when it has none. */
    private static String deviceToken(HandshakeRequest request) {
        List<String> values = header(request, "Authorization");
        if (values == null) {
            return null;
        }
        return values.stream()
                .map(DeviceCredentials::token)
                .filter(t -> t != null)
                .findFirst()
                .orElse(null);
    }
}
