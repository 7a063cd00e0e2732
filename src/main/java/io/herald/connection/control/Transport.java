package io.herald.connection.control;

import io.herald.connection.entity.Close;
import java.util.function.Consumer;

/** What a connection needs from its transport: write one text, close. Implemented at the boundary. */
public interface Transport {

    /** Writes without blocking; calls {@code done} with null when written, or with the failure. */
    void send(String text, Consumer<Throwable> done);

    void close(Close reason);

    /** websocket, sse, long-poll or poll: for metrics. */
    String kind();
}
