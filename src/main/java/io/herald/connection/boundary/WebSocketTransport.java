package io.herald.connection.boundary;

import io.herald.connection.control.Transport;
import io.herald.connection.entity.Close;
import io.herald.delivery.entity.Frame;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A WebSocket session as a {@link Transport}: a batch of frames is one text message, the frames
 * separated by a newline (docs/protocol.md), written asynchronously; close with a Herald code.
 */
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
    public void write(List<Frame> frames, Consumer<Throwable> done) {
        String text = text(frames);
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

    private static String text(List<Frame> frames) {
        if (frames.size() == 1) {
            return frames.get(0).json();
        }
        int length = frames.size();
        for (Frame frame : frames) {
            length += frame.json().length();
        }
        StringBuilder text = new StringBuilder(length).append(frames.get(0).json());
        for (int i = 1; i < frames.size(); i++) {
            text.append('\n').append(frames.get(i).json());
        }
        return text.toString();
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
