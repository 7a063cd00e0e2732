package io.herald.connection.boundary;

import io.herald.connection.control.Transport;
import io.herald.connection.entity.Close;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/** A WebSocket session as a {@link Transport}: asynchronous text writes, close with a Herald code. */
final class WebSocketTransport implements Transport {

    private final Session session;

    WebSocketTransport(Session session) {
        this.session = session;
    }

    @Override
    public void send(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void close(Close reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(reason.code()), reason.reason()));
        } catch (IOException | IllegalStateException e) {
            // already closed: nothing left to tell the client
        }
    }

    @Override
    public String kind() {
        return "websocket";
    }
}
