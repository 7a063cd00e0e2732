package io.herald.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A herald.v1 client over the JDK's WebSocket: collects every server frame (splitting writes that
 * carry several), answers heartbeats unless told not to, and can stop reading to play a stalled client.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean answerPings;
    private volatile boolean reading = true;
    private WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private WsClient(boolean answerPings) {
        this.answerPings = answerPings;
    }

    public static WsClient connect(URI uri) {
        return connect(uri, true);
    }

    public static WsClient connect(URI uri, boolean answerPings) {
        WsClient client = new WsClient(answerPings);
        client.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("herald.v1")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client)
                .orTimeout(15, TimeUnit.SECONDS)
                .join();
        client.next("connected");
        return client;
    }

    /** Connects over TLS ({@code wss://}) with a client that trusts what {@code tls} trusts. */
    public static WsClient connect(URI uri, javax.net.ssl.SSLContext tls) {
        WsClient client = new WsClient(true);
        client.socket = HttpClient.newBuilder()
                .sslContext(tls)
                .build()
                .newWebSocketBuilder()
                .subprotocols("herald.v1")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client)
                .orTimeout(15, TimeUnit.SECONDS)
                .join();
        client.next("connected");
        return client;
    }

    /**
     * Connects with extra handshake {@code headers} (Authorization, Origin) and further subprotocols
     * offered after herald.v1 (a ticket); the handshake's failure is thrown as it comes.
     */
    public static WsClient connect(URI uri, java.util.Map<String, String> headers, String... moreProtocols) {
        WsClient client = new WsClient(true);
        WebSocket.Builder builder = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("herald.v1", moreProtocols)
                .connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        client.socket =
                builder.buildAsync(uri, client).orTimeout(15, TimeUnit.SECONDS).join();
        return client;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public void send(String text) {
        queue(text).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * Sends after every earlier send completed: the JDK's WebSocket refuses a send while one is pending
     * ("Send pending"), and pongs go out from the listener while a test sends.
     */
    private synchronized CompletableFuture<?> queue(String text) {
        sending = sending.handle((done, error) -> null).thenCompose(ready -> socket.sendText(text, true));
        return sending;
    }

    /** The next frame of {@code type}, skipping others (heartbeats); fails after 10 s. */
    public JsonObject next(String type) {
        return next(f -> type.equals(f.getString("type")), Duration.ofSeconds(10));
    }

    public JsonObject next(Predicate<JsonObject> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                JsonObject frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    return fail("no matching frame within " + timeout
                            + (closeCode.isDone() ? "; closed with " + closeCode.getNow(null) : ""));
                }
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code count} publications, in arrival order. */
    public List<JsonObject> publications(int count) {
        List<JsonObject> received = new ArrayList<>();
        while (received.size() < count) {
            received.add(next("publication"));
        }
        return received;
    }

    /** Frames received and not yet taken, without waiting. */
    public List<JsonObject> drain() {
        List<JsonObject> rest = new ArrayList<>();
        frames.drainTo(rest);
        return rest;
    }

    public int awaitClose(Duration timeout) {
        return closeCode.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isOpen() {
        return !closeCode.isDone();
    }

    public void stopReading() {
        reading = false;
    }

    public void resumeReading() {
        reading = true;
        socket.request(1);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            for (String line : partial.toString().split("\n")) {
                JsonObject frame = Json.createReader(new StringReader(line)).readObject();
                if (answerPings && "ping".equals(frame.getString("type"))) {
                    queue("{\"type\":\"pong\"}");
                }
                frames.add(frame);
            }
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    @Override
    public void close() {
        if (isOpen()) {
            socket.abort();
        }
    }
}
