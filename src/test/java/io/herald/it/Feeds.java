package io.herald.it;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Clients of every Herald transport behind one interface, so a test states a promise once and checks
 * it on each: what a channel's catch-up said (recovered, missed publications), then live publications.
 */
final class Feeds {

    /**
     * HTTP/1.1, as browsers speak to a plain-http server. (The JDK client would otherwise upgrade to
     * h2c and multiplex every feed on one connection; on Payara, a client closing one SSE stream
     * then ended the whole connection, and every poll on it failed with EOF.)
     */
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** What a client learned when it (re)joined a channel. */
    record Catchup(boolean recovered, List<JsonObject> publications, long offset) {}

    private Feeds() {}

    static Feed open(String transport, HeraldServer herald, String cursor) {
        return switch (transport) {
            case "sse" -> new SseReader(herald, cursor, null);
            case "long-poll" -> new Poller(herald, cursor, 5);
            case "poll" -> new Poller(herald, cursor, 0);
            case "websocket" -> new Ws(herald, cursor);
            default -> throw new IllegalArgumentException(transport);
        };
    }

    /** An address under the application, derived from the WebSocket address HeraldServer knows. */
    static URI url(HeraldServer herald, String path) {
        String ws = herald.webSocket().toString();
        return URI.create("http" + ws.substring(2, ws.length() - "ws".length()) + path);
    }

    static String query(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client of one transport: the frames it received, in order. */
    abstract static class Feed implements AutoCloseable {

        final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        volatile boolean closed;

        /** The cursor a client of this transport holds now. */
        abstract String cursor();

        Catchup catchup(String channel) {
            JsonObject subscribed = next(
                    f -> "subscribed".equals(f.getString("type")) && channel.equals(f.getString("channel")),
                    Duration.ofSeconds(10));
            return new Catchup(
                    subscribed.getBoolean("recovered"),
                    objects(subscribed.getJsonArray("publications")),
                    subscribed.getJsonNumber("offset").longValue());
        }

        JsonObject next(Predicate<JsonObject> wanted, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    JsonObject frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (frame == null) {
                        return fail(getClass().getSimpleName() + ": no matching frame within " + timeout);
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

        List<JsonObject> publications(int count) {
            List<JsonObject> received = new ArrayList<>();
            while (received.size() < count) {
                received.add(next(f -> "publication".equals(f.getString("type")), Duration.ofSeconds(15)));
            }
            return received;
        }

        /** Publications that arrive within {@code quiet}, without failing when none do. */
        List<JsonObject> morePublications(Duration quiet) throws InterruptedException {
            List<JsonObject> more = new ArrayList<>();
            long deadline = System.nanoTime() + quiet.toNanos();
            JsonObject frame;
            while ((frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if ("publication".equals(frame.getString("type"))) {
                    more.add(frame);
                }
            }
            return more;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static List<JsonObject> objects(JsonArray array) {
        return array.stream().map(v -> v.asJsonObject()).toList();
    }

    /** WebSocket: subscribes to each channel of the cursor, with its position as {@code since}. */
    static final class Ws extends Feed {

        private final WsClient client;

        Ws(HeraldServer herald, String cursor) {
            client = herald.connect();
            for (String item : cursor.split(",")) {
                String[] parts = item.split("~");
                client.send(
                        parts.length == 1
                                ? "{\"type\":\"subscribe\",\"channel\":\"" + parts[0] + "\"}"
                                : "{\"type\":\"subscribe\",\"channel\":\"" + parts[0] + "\",\"since\":{\"offset\":"
                                        + parts[1] + ",\"epoch\":\"" + parts[2] + "\"}}");
            }
        }

        @Override
        JsonObject next(Predicate<JsonObject> wanted, Duration timeout) {
            return client.next(wanted, timeout);
        }

        @Override
        List<JsonObject> morePublications(Duration quiet) {
            try {
                Thread.sleep(quiet.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return client.drain().stream()
                    .filter(f -> "publication".equals(f.getString("type")))
                    .toList();
        }

        @Override
        String cursor() {
            throw new UnsupportedOperationException("a WebSocket client keeps positions per channel");
        }

        @Override
        public void close() {
            super.close();
            client.close();
        }
    }
}
