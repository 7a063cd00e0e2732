package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input an attacker or a careless client sends, over the real wire on each server (OnServer): every case
 * gets a documented answer (docs/protocol.md), never an internal error, a container page or a flooded log.
 * The test settings cap a client frame at 16 KiB.
 */
@ExtendWith(OnServer.class)
class BadInputIT {

    /** Deeper than JsonText.MAX_DEPTH (64) and than the JSON-P parsers' own limit (1000). */
    private static final String DEEP = "[".repeat(1500) + "]".repeat(1500);

    final HeraldServer herald;

    BadInputIT(HeraldServer herald) {
        this.herald = herald;
    }

    private static void assertRefused(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                code, HeraldServer.json(response.body()).getJsonObject("error").getString("code"));
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(herald.base().resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HeraldServer.send(request);
    }

    private long logSize() {
        try {
            return Files.size(herald.process().log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void deeplyNestedJsonIsMalformedOnEveryRouteAndBarelyLogged() {
        long logBefore = logSize();
        // fewer frames than herald.security.rate-burst (20): a rate_limited answer would hide the pong
        try (WsClient client = herald.connect()) {
            for (int n = 0; n < 10; n++) {
                client.send("{\"type\":\"ping\",\"ref\":" + n + ",\"pad\":" + DEEP + "}");
                assertEquals("malformed", client.next("error").getString("code"));
            }
            client.send("{\"type\":\"ping\",\"ref\":1}");
            assertEquals(1, client.next("pong").getInt("ref"), "the connection stays open");
        }
        for (int n = 0; n < 10; n++) {
            assertRefused(
                    400, "malformed", herald.post("api/publish", "{\"channel\":\"news:deep\",\"data\":" + DEEP + "}"));
        }
        for (int n = 0; n < 3; n++) {
            assertRefused(
                    400,
                    "malformed",
                    herald.post(
                            "api/client", "{\"type\":\"publish\",\"channel\":\"demo:deep\",\"data\":" + DEEP + "}"));
        }
        // each such request logged a stack trace as deep as the input (~75 KB) before
        long logged = logSize() - logBefore;
        assertTrue(logged < 20_000, "23 refusals logged " + logged + " bytes");
    }

    @Test
    void aFrameOverTheLimitInUtf8BytesIsClosedWith1009ThoughItHasFewerCharacters() {
        try (WsClient client = herald.connect()) {
            // 6,000 characters, 18,000 bytes: over the 16 KiB limit
            client.send("{\"type\":\"ping\",\"pad\":\"" + "€".repeat(6_000) + "\"}");
            assertEquals(1009, client.awaitClose(Duration.ofSeconds(10)));
        }
        try (WsClient client = herald.connect()) {
            // 15,000 bytes and a little: within it
            client.send("{\"type\":\"ping\",\"ref\":2,\"pad\":\"" + "€".repeat(5_000) + "\"}");
            assertEquals(2, client.next("pong").getInt("ref"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "-0.0", "1E+2", "0.50", "12345678901234567890123"})
    void aNumericRefIsEchoedExactlyAsWritten(String ref) {
        String pong = "{\"type\":\"pong\",\"ref\":" + ref + "}";
        assertEquals(
                pong,
                herald.post("api/client", "{\"type\":\"ping\",\"ref\":" + ref + "}")
                        .body());
        try (RawText socket = new RawText(herald)) {
            socket.send("{\"type\":\"ping\",\"ref\":" + ref + "}");
            assertEquals(pong, socket.next("\"pong\""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-1", "2.5E-1", "0e5", "1e-9"})
    void aWaitInAnyJsonNumberNotationIsAccepted(String wait) {
        herald.publish("news:wait", "e", "1");
        HttpResponse<String> answer = herald.get("api/poll?cursor=news:wait&wait=" + wait);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(
                "subscribed",
                HeraldServer.json(answer.body())
                        .getJsonArray("frames")
                        .getJsonObject(0)
                        .getString("type"));
    }

    @Test
    void aPublishWithoutContentTypeIsRefusedWith415AsAWrongTypeIs() {
        byte[] body = "{\"channel\":\"news:typed\",\"data\":1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(415, post("api/publish", body).statusCode());
        assertEquals(
                415, post("api/publish", body, "Content-Type", "text/plain").statusCode());
        assertEquals(
                200,
                post("api/publish", body, "Content-Type", "application/json").statusCode());
    }

    @Test
    void aBodyThatIsNotUtf8IsMalformedRatherThanReplaced() {
        byte[] publish = "{\"channel\":\"news:utf8\",\"data\":\"a?b\"}".getBytes(StandardCharsets.US_ASCII);
        publish[publish.length - 4] = (byte) 0xff;
        assertRefused(400, "malformed", post("api/publish", publish, "Content-Type", "application/json"));
        byte[] frame =
                "{\"type\":\"publish\",\"channel\":\"demo:utf8\",\"data\":\"a?b\"}".getBytes(StandardCharsets.US_ASCII);
        frame[frame.length - 4] = (byte) 0xc3;
        assertRefused(400, "malformed", post("api/client", frame, "Content-Type", "application/json"));
        HttpResponse<String> channel = herald.get("api/poll?cursor=news:utf8&wait=0");
        assertEquals(200, channel.statusCode(), channel.body());
        assertEquals(
                0,
                HeraldServer.json(channel.body())
                        .getJsonArray("frames")
                        .getJsonObject(0)
                        .getJsonNumber("offset")
                        .longValue(),
                "nothing was published");
    }

    /** A WebSocket client that keeps each server text as it came, where WsClient parses (and so normalizes) it. */
    private static final class RawText implements WebSocket.Listener, AutoCloseable {

        private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        RawText(HeraldServer herald) {
            socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .subprotocols("herald.v1")
                    .buildAsync(herald.webSocket(), this)
                    .orTimeout(15, TimeUnit.SECONDS)
                    .join();
        }

        void send(String text) {
            socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        }

        /** The next server frame that contains {@code part}. */
        String next(String part) {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (true) {
                    String text = texts.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (text == null || text.contains(part)) {
                        return text;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.addAll(java.util.List.of(partial.toString().split("\n")));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
