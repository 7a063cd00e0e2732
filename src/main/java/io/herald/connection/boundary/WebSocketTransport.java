package io.herald.connection.boundary;

import io.herald.connection.control.Transport;
import io.herald.connection.entity.Close;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/** A WebSocket session as a {@link Transport}: asynchronous text writes, close with a Herald code. */
final class WebSocketTransport implements Transport {

    /**
     * The context class loader while the container sends. Payara's Tyrus schedules an idle-timeout task
     * on the managed scheduled executor at every send (even with no idle timeout), and capturing the
     * context for that task runs a ServiceLoader over the context loader: over the WAR's loader that scans
     * every jar of the server, most of a write's cost (docs/performance.md). The platform loader has
     * no jars to scan; the task (Tyrus's own code) needs none of the application's classes.
     */
    private static final ClassLoader SEND_LOADER = ClassLoader.getPlatformClassLoader();

    private final Session session;

    WebSocketTransport(Session session) {
        this.session = session;
    }

    @Override
    public void send(String text, Consumer<Throwable> done) {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(SEND_LOADER);
        RuntimeException refused = null;
        try {
            session.getAsyncRemote().sendText(text, result -> completed(caller, done, result));
        } catch (RuntimeException e) {
            refused = e;
        } finally {
            thread.setContextClassLoader(caller);
        }
        if (refused != null) {
            done.accept(refused);
        }
    }

    /** The completion may run inside sendText, on this thread: Herald's code runs with the caller's loader again. */
    private static void completed(ClassLoader caller, Consumer<Throwable> done, SendResult result) {
        Thread thread = Thread.currentThread();
        ClassLoader current = thread.getContextClassLoader();
        thread.setContextClassLoader(caller);
        try {
            done.accept(result.isOK() ? null : result.getException());
        } finally {
            thread.setContextClassLoader(current);
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
