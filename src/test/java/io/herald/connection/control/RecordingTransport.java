package io.herald.connection.control;

import io.herald.connection.entity.Close;
import io.herald.delivery.entity.Frame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A transport that records every write (the JSON of its frames) and every close. Writes complete at once, or, when built
 * {@link #manual()}, only when the test calls {@link #complete} or {@link #fail} (a slow socket).
 */
final class RecordingTransport implements Transport {

    final List<List<String>> writes = new ArrayList<>();
    final List<Close> closes = new ArrayList<>();
    private final List<Consumer<Throwable>> pending = new ArrayList<>();
    private final boolean manual;
    private int read;

    private RecordingTransport(boolean manual) {
        this.manual = manual;
    }

    static RecordingTransport immediate() {
        return new RecordingTransport(false);
    }

    static RecordingTransport manual() {
        return new RecordingTransport(true);
    }

    @Override
    public void write(List<Frame> frames, Consumer<Throwable> done) {
        writes.add(frames.stream().map(Frame::json).toList());
        if (manual) {
            pending.add(done);
        } else {
            done.accept(null);
        }
    }

    @Override
    public void close(Close reason) {
        closes.add(reason);
    }

    @Override
    public String kind() {
        return "test";
    }

    int inFlight() {
        return pending.size();
    }

    /** Completes the oldest write in flight successfully. */
    void complete() {
        pending.remove(0).accept(null);
    }

    /** Completes the oldest write in flight with {@code error}. */
    void fail(Throwable error) {
        pending.remove(0).accept(error);
    }

    /** Every frame written so far (a write may hold several). */
    List<String> frames() {
        List<String> frames = new ArrayList<>();
        for (List<String> write : writes) {
            frames.addAll(write);
        }
        return frames;
    }

    /** The frames written since the last call, parsed. */
    List<JsonObject> next() {
        List<String> frames = frames();
        List<JsonObject> parsed = new ArrayList<>();
        for (String frame : frames.subList(read, frames.size())) {
            parsed.add(Json.createReader(new StringReader(frame)).readObject());
        }
        read = frames.size();
        return parsed;
    }

    /** The one frame written since the last call. */
    JsonObject single() {
        List<JsonObject> frames = next();
        if (frames.size() != 1) {
            throw new AssertionError("expected one frame, got " + frames);
        }
        return frames.get(0);
    }
}
