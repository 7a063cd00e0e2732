package io.herald.connection.boundary;

import io.herald.connection.control.Commands;
import io.herald.connection.control.Connection;
import io.herald.connection.control.Connections;
import io.herald.connection.control.Frames;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.security.control.Identities;
import io.herald.security.entity.Identity;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * The WebSocket transport at {@code /ws}, protocol {@code herald.v1} (docs/protocol.md). One instance
 * per connection, made by {@link WebSocketGate#getEndpointInstance} with the node's parts it looked up
 * once. Not a CDI bean: a container that makes an endpoint through CDI does it per connection, and
 * Payara's Tyrus builds and keeps a new injection target for every one (docs/performance.md).
 */
@ServerEndpoint(value = "/ws", subprotocols = Frames.PROTOCOL, configurator = WebSocketGate.class)
public class WebSocketEndpoint {

    private static final System.Logger LOG = System.getLogger(WebSocketEndpoint.class.getName());

    private final Connections connections;
    private final Commands commands;
    private final Limits limits;

    private Connection connection;

    /** For a container that makes the endpoint itself rather than through {@link WebSocketGate}. */
    public WebSocketEndpoint() {
        this(WebSocketParts.lookUp());
    }

    WebSocketEndpoint(WebSocketParts parts) {
        this.connections = parts.connections();
        this.commands = parts.commands();
        this.limits = parts.limits();
    }

    @OnOpen
    public void open(Session session) {
        // Herald's own heartbeats find idle clients: the container's idle timer costs a task per write.
        // Set only where it is not off already: on Payara setting it schedules that task once more, whose
        // context capture scans every jar of the server (docs/performance.md "Handshakes")
        if (session.getMaxIdleTimeout() != 0) {
            session.setMaxIdleTimeout(0);
        }
        session.setMaxTextMessageBufferSize(limits.maxMessageBytes());
        session.setMaxBinaryMessageBufferSize(limits.maxMessageBytes());
        Object ticket = session.getUserProperties().get(WebSocketGate.TICKET_IDENTITY);
        if (ticket == WebSocketGate.TICKET_REFUSED) {
            // the ticket (or token) was valid when the handshake began and used up (expired) before it ended
            new WebSocketTransport(session).close(Close.TOKEN_EXPIRED);
            return;
        }
        if (ticket == WebSocketGate.DEVICE_REFUSED) {
            // the device was revoked between CredentialGate's check and the end of the handshake
            new WebSocketTransport(session).close(Close.REVOKED);
            return;
        }
        connection = connections.open(
                new WebSocketTransport(session),
                Identities.of(session.getUserPrincipal(), ticket instanceof Identity identity ? identity : null),
                (String) session.getUserProperties().get(WebSocketGate.REMOTE_ADDRESS));
    }

    /** Security: {@code text} is untrusted; its size is checked before it is parsed. */
    @OnMessage
    public void text(String text) {
        if (connection == null) {
            return;
        }
        if (!limits.fitsMessage(text)) {
            connections.close(connection, Close.MESSAGE_TOO_BIG);
            return;
        }
        if (connections.admit(connection)) {
            commands.handle(connection, text);
        }
    }

    @OnMessage
    public void binary(ByteBuffer bytes) {
        if (connection != null) {
            connections.close(connection, Close.BAD_REQUEST);
        }
    }

    @OnClose
    public void closed(CloseReason reason) {
        if (connection != null) {
            connections.closed(connection, reason(reason.getCloseCode().getCode()));
        }
    }

    @OnError
    public void failed(Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "WebSocket error: {0}", error.toString());
    }

    private static String reason(int code) {
        return switch (code) {
            case 1000, 1001 -> "client";
            case 1009 -> Close.MESSAGE_TOO_BIG.reason();
            default -> "abnormal";
        };
    }
}
