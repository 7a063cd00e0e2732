package io.herald.load;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One herald.v1 WebSocket connection of the load tool; frames are read by {@link Inbound}. The
 * {@link Tally} outlives the connection, so a reconnect resumes.
 */
final class LoadClient implements WebSocket.Listener {

    final Tally tally;
    private final Run run;
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger refs = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<LoadClient> connected = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile boolean reading = true;
    /** A message was handled while not reading: the demand for the next one is owed. */
    private final AtomicBoolean owed = new AtomicBoolean();

    private LoadClient(Tally tally, Run run) {
        this.tally = tally;
        this.run = run;
    }

    /** Completes once the {@code connected} frame arrived. */
    static CompletableFuture<LoadClient> connect(HttpClient http, URI uri, Tally tally, Run run) {
        LoadClient client = new LoadClient(tally, run);
        http.newWebSocketBuilder()
                .subprotocols("herald.v1")
                .connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, client)
                .whenComplete((socket, error) -> {
                    if (error != null) {
                        client.connected.completeExceptionally(error);
                    }
                });
        return client.connected;
    }

    /** Subscribes, resuming from the tally's position in {@code channel} when it has one. */
    CompletableFuture<JsonObject> subscribe(String channel) {
        Tally.Position at = tally.position(channel);
        String since = at == null ? "" : ",\"since\":{\"offset\":" + at.offset() + ",\"epoch\":\"" + at.epoch() + "\"}";
        return request("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"" + since);
    }

    CompletableFuture<JsonObject> unsubscribe(String channel) {
        return request("{\"type\":\"unsubscribe\",\"channel\":\"" + channel + "\"");
    }

    CompletableFuture<JsonObject> publish(String channel, String data) {
        return request("{\"type\":\"publish\",\"channel\":\"" + channel + "\",\"data\":" + data);
    }

    /** A client heartbeat ({@code ping}); the future completes with the {@code pong} that answers it. */
    CompletableFuture<JsonObject> ping() {
        return request("{\"type\":\"ping\"");
    }

    /**
     * Stops reading the socket: no more demand is signalled, so the JDK client leaves what arrives in the
     * kernel's buffers and the server's writes stall, as with a client that hangs.
     */
    void stopReading() {
        reading = false;
    }

    void resumeReading() {
        reading = true;
        if (owed.compareAndSet(true, false)) {
            socket.request(1);
        }
    }

    /** Sends {@code frameStart} completed with a ref; the future completes with the reply to it. */
    private CompletableFuture<JsonObject> request(String frameStart) {
        int ref = refs.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(ref, reply);
        send(frameStart + ",\"ref\":" + ref + "}");
        return reply;
    }

    /** The JDK allows one send in flight per WebSocket: sends are chained. */
    private synchronized void send(String text) {
        sending = sending.handle((r, e) -> null).thenCompose(r -> socket.sendText(text, true));
    }

    void abort() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
        closed.complete(1006);
    }

    void close() {
        WebSocket s = socket;
        if (s != null && !closed.isDone()) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else {
            String text;
            if (partial.length() > 0) {
                text = partial.append(data).toString();
                partial.setLength(0);
            } else {
                text = data.toString();
            }
            int start = 0;
            while (start < text.length()) {
                int end = text.indexOf('\n', start);
                end = end < 0 ? text.length() : end;
                frame(text, start, end);
                start = end + 1;
            }
        }
        demand(webSocket);
        return null;
    }

    /** Asks for the next message, unless reading stopped: then the demand is owed to {@link #resumeReading}. */
    private void demand(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
            return;
        }
        owed.set(true);
        if (reading && owed.compareAndSet(true, false)) {
            webSocket.request(1);
        }
    }

    private void frame(String text, int start, int end) {
        if (Inbound.publication(text, start, end, tally, run)) {
            return;
        }
        JsonObject frame =
                Json.createReader(new StringReader(text.substring(start, end))).readObject();
        switch (frame.getString("type")) {
            case "connected" -> connected.complete(this);
            case "ping" -> {
                run.heartbeat();
                send("{\"type\":\"pong\"}");
            }
            case "subscribed" -> Inbound.subscribed(frame, tally, run);
            case "unsubscribed" -> tally.unsubscribed(frame.getString("channel"));
            case "published" ->
                run.published(
                        frame.getString("channel"),
                        frame.getJsonNumber("offset").longValue());
            default -> {}
        }
        JsonValue ref = frame.get("ref");
        if (ref instanceof JsonNumber number) {
            CompletableFuture<JsonObject> reply = pending.remove(number.intValue());
            if (reply != null) {
                reply.complete(frame);
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        connected.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
        connected.completeExceptionally(error);
        pending.values().forEach(f -> f.completeExceptionally(error));
    }
}
