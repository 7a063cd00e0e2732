package io.herald.it;

import static io.herald.it.Feeds.json;
import static io.herald.it.Feeds.query;
import static io.herald.it.Feeds.send;
import static io.herald.it.Feeds.url;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SSE reader over java.net.http: parses {@code id:} and {@code data:} lines as a browser does. */
final class SseReader extends Feeds.Feed {

    record Event(String id, JsonObject frame) {}

    final HttpResponse<InputStream> response;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    volatile String lastEventId;
    /** Completes when the server ended the stream (or it broke), not when the test closed it. */
    final java.util.concurrent.CompletableFuture<Void> ended = new java.util.concurrent.CompletableFuture<>();

    SseReader(HeraldServer herald, String cursor, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(herald, "api/sse?cursor=" + query(cursor)))
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode(), "SSE status");
        this.lastEventId = lastEventId;
        Thread reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed && (line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        JsonObject frame = json(data.toString());
                        if (id != null) {
                            lastEventId = id;
                        }
                        events.add(new Event(id, frame));
                        frames.add(frame);
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("id:")) {
                    id = field(line);
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(field(line));
                }
            }
        } catch (java.io.IOException e) {
            // the stream ended: the test sees it as frames that stop coming
        } finally {
            ended.complete(null);
        }
    }

    private static String field(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    String cursor() {
        return lastEventId;
    }

    @Override
    public void close() {
        super.close();
        try {
            response.body().close();
        } catch (java.io.IOException e) {
            // closing is all we want
        }
    }
}
