package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a node with clients on WebSocket, SSE and long-poll and a publisher that keeps publishing: the
 * node drains before the server stops (docs/operations.md, "Shutdown"). The server is a process of its own,
 * started for this class only, because the test stops it.
 */
class DrainIT {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final int CLIENTS = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** What the test saw, when (System.nanoTime()): a status (-1: no answer) and a text, or a close code. */
    private record Seen(long at, int status, String text) {}

    private final ExecutorService watchers = Executors.newCachedThreadPool();
    private final AtomicBoolean stop = new AtomicBoolean();

    @AfterEach
    void stopWatching() throws InterruptedException {
        stop.set(true);
        watchers.shutdownNow();
        watchers.awaitTermination(20, TimeUnit.SECONDS);
    }

    @Test
    void onSigtermTheNodeIsDownAtOnceRefusesNewWorkAndEveryClientGetsWhatWasAcknowledgedThen4001() throws Exception {
        List<String> settings = new ArrayList<>(Deployments.TEST_SETTINGS);
        settings.add("herald.connection.drain-window=" + WINDOW);
        settings.add("herald.connection.drain-write-timeout=PT1S");
        Path war = ServerProcess.required("herald.war", "target/herald.war");
        try (ServerProcess process = ServerProcess.of(
                ServerProcess.kind(),
                war,
                settings,
                Path.of("target", "it-servers", ServerProcess.kind() + "-drain"))) {
            process.start();
            HeraldServer herald = new HeraldServer(process);
            JsonObject idle = herald.publish("news:idle", "e", "0");
            String idleCursor = "news:idle~" + idle.getJsonNumber("offset") + "~" + idle.getString("epoch");
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                WsClient client = herald.connect();
                client.send("{\"type\":\"subscribe\",\"channel\":\"news:drain\"}");
                client.next("subscribed");
                clients.add(client);
            }
            SseReader sse = new SseReader(herald, "news:drain", null);
            sse.next(f -> "subscribed".equals(f.getString("type")), Duration.ofSeconds(10));
            List<Seen> poll = Collections.synchronizedList(new ArrayList<>());
            herald.getAsync("api/poll?wait=30&cursor=" + URLEncoder.encode(idleCursor, StandardCharsets.UTF_8))
                    .whenComplete((answer, error) -> poll.add(
                            answer == null
                                    ? new Seen(System.nanoTime(), -1, error.toString())
                                    : new Seen(System.nanoTime(), answer.statusCode(), answer.body())));
            List<Seen> ready = watch(
                    50, () -> answer(HttpRequest.newBuilder(process.health()).GET()));
            List<Seen> publishes = watch(50, new Supplier<>() {
                private int n;

                @Override
                public Seen get() {
                    return answer(HttpRequest.newBuilder(herald.base().resolve("api/publish"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"channel\":\"news:drain\",\"event\":\"e\",\"data\":" + ++n + "}")));
                }
            });
            List<Seen> handshakes = watch(200, () -> {
                long sent = System.nanoTime();
                try {
                    String answer = RawWebSocket.handshake(herald.webSocket());
                    return new Seen(sent, Integer.parseInt(answer.substring(9, 12)), answer);
                } catch (java.io.IOException e) {
                    return new Seen(sent, -1, e.toString());
                }
            });
            Thread.sleep(1_000);

            long signalled = System.nanoTime();
            Future<Integer> exit = watchers.submit(() -> process.terminate(Duration.ofSeconds(60)));
            List<Future<Seen>> closing = new ArrayList<>();
            for (WsClient client : clients) {
                closing.add(watchers.submit(() -> {
                    int code = client.awaitClose(Duration.ofSeconds(60));
                    return new Seen(System.nanoTime(), code, null);
                }));
            }
            exit.get(90, TimeUnit.SECONDS);
            stop.set(true);
            List<Seen> closes = new ArrayList<>();
            for (Future<Seen> close : closing) {
                closes.add(close.get(5, TimeUnit.SECONDS));
            }
            watchers.shutdown();
            assertTrue(watchers.awaitTermination(20, TimeUnit.SECONDS), "the watchers stopped");

            long firstClose = closes.stream().mapToLong(Seen::at).min().orElseThrow();
            long lastClose = closes.stream().mapToLong(Seen::at).max().orElseThrow();
            for (Seen close : closes) {
                assertEquals(4001, close.status(), "every WebSocket is closed with 4001 shutdown");
            }
            assertTrue(
                    lastClose - firstClose >= WINDOW.toNanos() / 2,
                    "the closes are spread over the window, "
                            + "not at "
                            + closes.stream()
                                    .map(close -> millis(close.at() - signalled))
                                    .sorted()
                                    .toList()
                            + " ms after the signal");

            List<Seen> readiness = after(ready, signalled);
            Seen down = readiness.stream()
                    .filter(seen -> seen.status() != 200)
                    .findFirst()
                    .orElseThrow();
            assertTrue(down.at() < firstClose, "readiness is down before the first connection is closed");
            assertTrue(
                    readiness.stream().filter(seen -> seen.at() > down.at()).noneMatch(seen -> seen.status() == 200),
                    "readiness stays down: " + readiness);
            assertFalse(poll.isEmpty(), "the waiting long-poll was answered");
            assertEquals(200, poll.get(0).status(), poll.get(0).text());
            assertTrue(poll.get(0).at() < firstClose, "the long-poll is answered as the drain begins");

            List<Integer> acknowledged = new ArrayList<>();
            for (int n = 0; n < publishes.size(); n++) {
                Seen publish = publishes.get(n);
                if (publish.status() == 200) {
                    acknowledged.add(n + 1);
                } else if (publish.at() < lastClose) {
                    assertEquals(503, publish.status(), "a publish during the drain: " + publish);
                    assertTrue(publish.text().contains("\"code\":\"unavailable\""), publish.text());
                }
            }
            assertTrue(
                    publishes.stream().anyMatch(seen -> seen.status() == 503 && seen.at() < lastClose),
                    "publishes were refused during the drain: " + publishes);
            for (WsClient client : clients) {
                assertEquals(acknowledged, data(client.drain()), "every acknowledged publication, then 4001");
            }
            assertTrue(sse.ended.isDone(), "the server ended the event stream");
            assertEquals(acknowledged, data(new ArrayList<>(sse.frames)), "the event stream got every one too");

            List<Seen> refused = after(handshakes, down.at()).stream()
                    .filter(seen -> seen.at() < lastClose)
                    .toList();
            assertFalse(refused.isEmpty(), "handshakes were tried during the drain");
            for (Seen handshake : refused) {
                assertEquals(503, handshake.status(), "a WebSocket handshake during the drain: " + handshake.text());
                assertTrue(handshake.text().contains("\"code\":\"unavailable\""), handshake.text());
            }
        }
    }

    /** Runs {@code probe} every {@code millis} until the test stops watching; what it saw, in order. */
    private List<Seen> watch(long millis, Supplier<Seen> probe) {
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        watchers.submit(() -> {
            while (!stop.get()) {
                seen.add(probe.get());
                Thread.sleep(millis);
            }
            return null;
        });
        return seen;
    }

    private static Seen answer(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Seen(System.nanoTime(), response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            return new Seen(System.nanoTime(), -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Seen(System.nanoTime(), -1, e.toString());
        }
    }

    private static List<Seen> after(List<Seen> seen, long at) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.at() > at).toList();
        }
    }

    private static List<Integer> data(List<JsonObject> frames) {
        return frames.stream()
                .filter(f -> "publication".equals(f.getString("type")))
                .map(f -> f.getInt("data"))
                .toList();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
