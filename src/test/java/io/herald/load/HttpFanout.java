package io.herald.load;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenarios {@code fanout-sse}, {@code fanout-longpoll} and {@code fanout-poll}: the fan-out window of
 * {@link Fanout} with subscribers on the HTTP transports (docs/protocol.md §15). SSE subscribers hold a
 * stream each; long-poll subscribers keep one {@code wait=25} poll open each; poll subscribers ask
 * with {@code wait=0} every {@code load.poll-interval} milliseconds (1,000). Pollers use a keep-alive
 * connection and a thread each, so that the client costs less than the server it measures.
 */
final class HttpFanout {

    private static final String[] NO_HEADERS = {};

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    private final Settings settings;
    private final Run run;
    private final String channel;

    private HttpFanout(Settings settings, Run run, String channel) {
        this.settings = settings;
        this.run = run;
        this.channel = channel;
    }

    static Report run(Settings settings, ServerProcess server, String kind) throws InterruptedException {
        Report report = new Report(settings.scenario());
        Run run = new Run();
        String channel = "news:" + kind + "-" + Long.toString(System.currentTimeMillis(), 36);
        HttpFanout fanout = new HttpFanout(settings, run, channel);
        List<Tally> tallies = new ArrayList<>();
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < settings.subscribers(); i++) {
            Tally tally = new Tally();
            tallies.add(tally);
            ready.add(
                    switch (kind) {
                        case "sse" -> fanout.stream(tally);
                        case "longpoll" -> fanout.poll(tally, channel, 25, 0, new CompletableFuture<>());
                        default ->
                            fanout.poll(
                                    tally,
                                    channel,
                                    0,
                                    Long.getLong("load.poll-interval", 1000),
                                    new CompletableFuture<>());
                    });
        }
        int failed = 0;
        for (CompletableFuture<Void> r : ready) {
            failed += r.orTimeout(120, TimeUnit.SECONDS)
                    .handle((v, e) -> e == null ? 0 : 1)
                    .join();
        }
        System.out.printf(
                "%d %s subscribers in %s (%.1f s)%n",
                tallies.size() - failed, kind, channel, (System.nanoTime() - start) / 1e9);
        report.put("transport", kind)
                .put("subscribers", tallies.size() - failed)
                .put("subscribe failures", failed)
                .put("channel", channel)
                .put("payload bytes", settings.payload());
        Fanout.Step step = Fanout.measure(settings, server, run, tallies, channel, settings.rate());
        step.row().forEach(report::put);
        report.put("request failures", run.failures());
        if (failed > 0 || !step.keptUp() || step.lost() > 0 || step.duplicates() > 0) {
            report.fail();
        }
        return report;
    }

    /** One SSE stream; completes when its {@code subscribed} event arrived. */
    private CompletableFuture<Void> stream(Tally tally) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Flow.Subscriber<String> lines = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                if (!line.startsWith("data:")) {
                    return;
                }
                String frame = line.substring(line.startsWith("data: ") ? 6 : 5);
                if (!Inbound.publication(frame, 0, frame.length(), tally, run)) {
                    apply(Json.createReader(new StringReader(frame)).readObject(), tally);
                    ready.complete(null);
                }
            }

            @Override
            public void onError(Throwable error) {
                run.failed();
                ready.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                // the server ended the stream: the drain reports what this subscriber missed
            }
        };
        http.sendAsync(
                        HttpRequest.newBuilder(url("api/sse?cursor=" + encode(channel)))
                                .header("Accept", "text/event-stream")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.fromLineSubscriber(lines))
                .whenComplete((response, error) -> {
                    if (error != null || response.statusCode() != 200) {
                        run.failed();
                        ready.completeExceptionally(new IllegalStateException(
                                "sse answered " + (error != null ? error : response.statusCode())));
                    }
                });
        return ready;
    }

    /**
     * Polls in a loop on a keep-alive connection of its own (a thread each: {@link KeepAlive} says why not the
     * JDK's client), each time with the cursor of the last answer; {@code ready} completes with the first.
     */
    private CompletableFuture<Void> poll(
            Tally tally, String cursor, int wait, long interval, CompletableFuture<Void> ready) {
        Thread poller = new Thread(
                null,
                () -> {
                    KeepAlive connection = new KeepAlive(settings.url());
                    String at = cursor;
                    String base = settings.url().getRawPath() + "api/poll?wait=" + wait + "&cursor=";
                    while (true) {
                        long pause = interval;
                        try {
                            KeepAlive.Answer response = connection.send("GET", base + encode(at), NO_HEADERS, null);
                            if (response.status() != 200) {
                                throw new IOException("poll answered " + response.status());
                            }
                            at = answered(response.text(), tally);
                            ready.complete(null);
                        } catch (IOException | RuntimeException e) {
                            run.failed();
                            connection.close();
                            pause = 1000;
                        }
                        if (pause > 0) {
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
                        }
                    }
                },
                "poller",
                256 * 1024);
        poller.setDaemon(true);
        poller.start();
        return ready;
    }

    /** Counts the publications of one poll answer; returns the cursor to poll with next. */
    private String answered(String body, Tally tally) {
        JsonObject answer = Json.createReader(new StringReader(body)).readObject();
        for (JsonValue frame : answer.getJsonArray("frames")) {
            String text = frame.toString();
            if (!Inbound.publication(text, 0, text.length(), tally, run)) {
                apply(frame.asJsonObject(), tally);
            }
        }
        return answer.getString("cursor");
    }

    private void apply(JsonObject frame, Tally tally) {
        if ("subscribed".equals(frame.getString("type", ""))) {
            Inbound.subscribed(frame, tally, run);
        }
    }

    private URI url(String path) {
        return settings.url().resolve(path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
