package io.herald.connection.boundary;

import io.herald.connection.control.Transport;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.Cursor;
import io.herald.delivery.entity.Frame;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A server-sent event stream as a {@link Transport}: each frame of a write becomes its own event, and
 * an event whose frame moves a position carries the whole cursor after it as its id, so the browser's
 * Last-Event-ID resumes exactly there. The cursor is tracked here because only the transport knows
 * which frame went out last; the outbox calls {@link #write} one write at a time.
 */
final class SseTransport implements Transport {

    /** Proxies that buffer a response until some kilobytes have passed forward the stream at once. */
    private static final String PADDING = " ".repeat(2048);

    private final SseEventSink sink;
    private final Sse sse;
    private Cursor cursor;
    private boolean padded;

    SseTransport(SseEventSink sink, Sse sse, Cursor cursor) {
        this.sink = sink;
        this.sse = sse;
        this.cursor = cursor;
    }

    @Override
    public void write(List<Frame> frames, Consumer<Throwable> done) {
        if (sink.isClosed()) {
            done.accept(new IOException("the event stream is closed"));
            return;
        }
        try {
            CompletableFuture<?>[] writes = new CompletableFuture<?>[frames.size() + (padded ? 0 : 1)];
            int i = 0;
            if (!padded) {
                padded = true;
                writes[i++] = sink.send(sse.newEventBuilder().comment(PADDING).build())
                        .toCompletableFuture();
            }
            for (Frame frame : frames) {
                writes[i++] = sink.send(event(frame)).toCompletableFuture();
            }
            CompletableFuture.allOf(writes).whenComplete((result, error) -> done.accept(error));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    private OutboundSseEvent event(Frame frame) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().data(frame.json());
        if (frame.position() != null) {
            cursor = cursor.with(frame.channel(), frame.position());
            event.id(cursor.toString());
        }
        return event.build();
    }

    @Override
    public void close(Close reason) {
        try {
            sink.close();
        } catch (RuntimeException e) {
            // already gone: nothing left to tell the client
        }
    }

    @Override
    public String kind() {
        return "sse";
    }
}
