package io.herald.it;

import static io.herald.it.Feeds.json;
import static io.herald.it.Feeds.objects;
import static io.herald.it.Feeds.query;
import static io.herald.it.Feeds.send;
import static io.herald.it.Feeds.url;

import io.herald.it.Feeds.Catchup;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Long-poll ({@code wait} > 0) or poll ({@code wait=0} every 200 ms), carrying the cursor between requests. */
final class Poller extends Feeds.Feed {

    private final HeraldServer herald;
    private final int wait;
    private final CompletableFuture<List<JsonObject>> first = new CompletableFuture<>();
    private final Thread loop;
    volatile String cursor;

    Poller(HeraldServer herald, String cursor, int wait) {
        this.herald = herald;
        this.wait = wait;
        this.cursor = cursor;
        loop = new Thread(this::run, "poller");
        loop.setDaemon(true);
        loop.start();
    }

    private void run() {
        boolean firstAnswer = true;
        while (!closed) {
            HttpResponse<String> response = send(
                    HttpRequest.newBuilder(url(herald, "api/poll?cursor=" + query(cursor) + "&wait=" + wait))
                            .GET()
                            .timeout(Duration.ofSeconds(wait + 20))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                first.completeExceptionally(
                        new AssertionError("poll answered " + response.statusCode() + ": " + response.body()));
                return;
            }
            JsonObject answer = json(response.body());
            List<JsonObject> received = objects(answer.getJsonArray("frames"));
            cursor = answer.getString("cursor");
            if (firstAnswer) {
                first.complete(received);
                firstAnswer = false;
            } else {
                frames.addAll(received);
            }
            if (wait == 0) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** From the first answer: a subscribed frame, or else the publications it brought. */
    @Override
    Catchup catchup(String channel) {
        List<JsonObject> answer = first.orTimeout(15, TimeUnit.SECONDS).join();
        for (JsonObject frame : answer) {
            if ("subscribed".equals(frame.getString("type")) && channel.equals(frame.getString("channel"))) {
                return new Catchup(
                        frame.getBoolean("recovered"),
                        objects(frame.getJsonArray("publications")),
                        frame.getJsonNumber("offset").longValue());
            }
        }
        List<JsonObject> missed = answer.stream()
                .filter(f -> "publication".equals(f.getString("type")) && channel.equals(f.getString("channel")))
                .toList();
        return new Catchup(
                true,
                missed,
                missed.isEmpty()
                        ? -1
                        : missed.get(missed.size() - 1).getJsonNumber("offset").longValue());
    }

    @Override
    String cursor() {
        return cursor;
    }

    @Override
    public void close() {
        super.close();
        loop.interrupt();
    }
}
