package io.herald.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes to one channel at a fixed rate through {@code POST /api/publish}, in batches of at most
 * {@code load.publish-batch} (100, the server's default {@code herald.publish.max-batch}), from a few threads;
 * with 1, every publication is a POST of one JSON object, as the README's curl example sends it. Every publication's
 * data carries {@code t}, the send time in this JVM's System.nanoTime, padded to the payload size.
 */
final class PublishLoop implements AutoCloseable {

    private static final int MAX_BATCH = Integer.getInteger("load.publish-batch", 100);

    /**
     * HTTP/1.1: offered HTTP/2, Payara Micro 6.2025.10 upgrades to h2c and keeps every stream of the
     * connection on its heap while the connection lives (about 1.8 KB per request, docs/deploy.md): the
     * run would measure that leak, not Herald.
     */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI uri;
    private final Run run;
    private final String channel;
    private final int payload;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    PublishLoop(URI uri, Run run, String channel, int payload) {
        this.uri = uri;
        this.run = run;
        this.channel = channel;
        this.payload = payload;
    }

    /** Starts {@code threads} publishers sharing {@code perSecond} publications a second. */
    PublishLoop start(double perSecond, int count) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> loop(perSecond / count), "publisher-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    private void loop(double perSecond) {
        long start = System.nanoTime();
        long done = 0;
        while (running) {
            long due = (long) (perSecond * (System.nanoTime() - start) / 1e9) - done;
            if (due <= 0) {
                sleep();
                continue;
            }
            int batch = (int) Math.min(due, MAX_BATCH);
            post(batch);
            done += batch;
        }
    }

    private void post(int count) {
        boolean single = MAX_BATCH == 1;
        StringBuilder body = new StringBuilder(count * (payload + 64)).append(single ? "" : "[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"channel\":\"")
                    .append(channel)
                    .append("\",\"event\":\"load\",\"data\":")
                    .append(data(payload))
                    .append('}');
        }
        body.append(single ? "" : "]");
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                refused.addAndGet(count);
                return;
            }
            JsonObject answer =
                    Json.createReader(new StringReader(response.body())).readObject();
            List<JsonValue> results = single ? List.of(answer) : answer.getJsonArray("results");
            for (JsonValue result : results) {
                JsonObject r = result.asJsonObject();
                if (r.containsKey("offset")) {
                    sent.incrementAndGet();
                    run.published(
                            r.getString("channel"), r.getJsonNumber("offset").longValue());
                } else {
                    refused.incrementAndGet();
                }
            }
        } catch (java.io.IOException e) {
            refused.addAndGet(count);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** JSON data of about {@code size} bytes: {"t":<nanoTime>,"p":"xxx…"}. */
    static String data(int size) {
        String head = "{\"t\":" + System.nanoTime() + ",\"p\":\"";
        int pad = Math.max(0, size - head.length() - 2);
        return head + "x".repeat(pad) + "\"}";
    }

    long sent() {
        return sent.get();
    }

    long refused() {
        return refused.get();
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(35_000);
        }
    }
}
