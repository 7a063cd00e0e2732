package io.herald.connection.control;

import io.herald.connection.entity.Close;
import io.herald.delivery.entity.Frame;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a connection needs from its transport: write a batch of frames, close. Implemented at the
 * boundary; each transport renders a batch its own way (one WebSocket text, one SSE event per frame).
 */
public interface Transport {

    /**
     * Writes {@code frames}, in order, as one write without blocking; calls {@code done} with null when
     * written, or with the failure. The outbox has one write in flight at a time.
     */
    void write(List<Frame> frames, Consumer<Throwable> done);

    void close(Close reason);

    /** websocket, sse, long-poll or poll: for metrics. */
    String kind();
}
