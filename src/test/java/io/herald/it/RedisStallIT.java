package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import io.herald.it.support.TestRedis;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Redis that stalls (SIGSTOP: connections stay open, nothing is answered) under a steady stream of
 * publishes, over the wire (docs/redis.md, protocol.md §12): every publish is answered within
 * {@code herald.redis.timeout} (the default, 2 s) plus {@link #SLACK_MILLIS}, most at once with 503 once
 * the node knows; every publish answered 200 is stored; after the stall, retrying every publish that was not
 * answered 200 with its idempotency key leaves each publication stored and delivered exactly once (a 503
 * leaves the outcome unknown: the stalled Redis may still carry it out when it goes on). Bounded: four publishers, one request each per 150 ms, a 6 s stall.
 */
class RedisStallIT {

    private static final Duration BOUND = Duration.ofSeconds(2);
    /** What a loaded machine adds to the bound (HTTP, scheduling): far below a second wait for Redis. */
    private static final long SLACK_MILLIS = 500;

    private static final Duration STALL = Duration.ofSeconds(6);
    private static final int PUBLISHERS = 4;

    private static final Predicate<JsonObject> PUBLICATION = f -> "publication".equals(f.getString("type"));

    private static TestRedis redis;
    private static ServerProcess node;

    @BeforeAll
    static void start() {
        redis = new TestRedis();
        List<String> settings = List.of(
                "herald.redis.url=" + redis.url(),
                "herald.channel.namespaces=news",
                "herald.channel.namespace.news.history-size=1000",
                "herald.channel.anonymous=true",
                "herald.publish.anonymous=true");
        node = ServerProcess.of(
                ServerProcess.kind(),
                ServerProcess.required("herald.war", "target/herald.war"),
                settings,
                Path.of("target", "redis-stall-it", ServerProcess.kind()));
        node.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    /** One publish as sent: its key, when it was sent (ms from the stall), its answer and how long it took. */
    private record Attempt(String key, long sentAt, int status, long millis, String body) {}

    @Test
    void duringAStallPublishesAnswerWithinTheBoundAndRetriesWithTheirKeyLoseAndDuplicateNothing() throws Exception {
        HeraldServer herald = new HeraldServer(node);
        awaitReady(herald);
        // keys of this run only: the same Redis may hold an earlier run's keys within the idempotency window
        String run = Long.toString(System.nanoTime(), 36) + "-";
        try (WsClient live = herald.connect()) {
            live.send("{\"type\":\"subscribe\",\"channel\":\"news:stall\",\"ref\":1}");
            live.next("subscribed");
            // delivered live: the node's own Redis subscription to the channel is in place before the stall
            JsonObject before = herald.publish("news:stall", "e", "\"before\"");
            assertEquals(
                    "before", live.next(PUBLICATION, Duration.ofSeconds(15)).getString("data"));
            openConnections(herald);

            List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
            long stalled = System.nanoTime();
            redis.pause();
            ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
            try {
                for (int p = 0; p < PUBLISHERS; p++) {
                    int publisher = p;
                    publishers.execute(() -> {
                        for (int n = 0; System.nanoTime() - stalled < STALL.toNanos(); n++) {
                            attempts.add(publish(herald, run + "p" + publisher + "-" + n, stalled));
                            ServerProcess.pause(150);
                        }
                    });
                }
                publishers.shutdown();
                assertTrue(publishers.awaitTermination(STALL.toSeconds() + 10, TimeUnit.SECONDS));
            } finally {
                publishers.shutdownNow();
                redis.resume();
            }

            long slowest = attempts.stream().mapToLong(Attempt::millis).max().orElse(0);
            List<Long> refusals = attempts.stream()
                    .filter(a -> a.status() == 503)
                    .map(Attempt::millis)
                    .sorted()
                    .toList();
            List<Attempt> acknowledged =
                    attempts.stream().filter(a -> a.status() == 200).toList();
            System.out.printf(
                    "during the stall: %d publishes, %d answered 503 (median %d ms), %d answered 200, slowest %d ms%n",
                    attempts.size(),
                    refusals.size(),
                    refusals.isEmpty() ? 0 : refusals.get(refusals.size() / 2),
                    acknowledged.size(),
                    slowest);
            acknowledged.forEach(a -> System.out.println("answered 200 during the stall: " + a));
            for (Attempt attempt : attempts) {
                assertTrue(attempt.status() == 200 || attempt.status() == 503, attempt.toString());
                assertTrue(attempt.millis() <= BOUND.toMillis() + SLACK_MILLIS, "answered after the bound: " + attempt);
            }
            assertTrue(refusals.size() >= attempts.size() / 2, "most publishes were refused during the stall");
            assertTrue(
                    refusals.get(refusals.size() / 2) < BOUND.toMillis() / 4,
                    "once the node knows, it refuses without waiting for Redis");

            awaitReady(herald);
            List<String> stored = stored(herald, before);
            for (Attempt attempt : acknowledged) {
                assertTrue(stored.contains(attempt.key()), "answered 200 but not stored: " + attempt);
            }
            Map<String, Boolean> duplicates = new ConcurrentHashMap<>();
            for (Attempt attempt :
                    attempts.stream().filter(a -> a.status() != 200).toList()) {
                duplicates.put(attempt.key(), retry(herald, attempt.key()));
            }
            System.out.printf(
                    "retried %d with their key: %d had been published by the stalled Redis after all%n",
                    duplicates.size(),
                    duplicates.values().stream().filter(d -> d).count());

            List<String> expected = attempts.stream().map(Attempt::key).sorted().toList();
            assertEquals(expected, stored(herald, before), "every publication stored exactly once");
            List<String> delivered = new ArrayList<>();
            while (delivered.size() < expected.size()) {
                delivered.add(live.next(PUBLICATION, Duration.ofSeconds(15)).getString("data"));
            }
            assertEquals(expected, delivered.stream().sorted().toList(), "every publication delivered exactly once");
        }
    }

    /**
     * One HTTP connection per publisher, opened before the stall: the answer times measure Herald, not the
     * client and the server setting up connections on a loaded machine.
     */
    private static void openConnections(HeraldServer herald) {
        List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++) {
            requests.add(herald.getAsync("api/publish"));
        }
        requests.forEach(CompletableFuture::join);
    }

    private static Attempt publish(HeraldServer herald, String key, long stalled) {
        long start = System.nanoTime();
        HttpResponse<String> answer = herald.post("api/publish", body(key));
        return new Attempt(
                key,
                (start - stalled) / 1_000_000,
                answer.statusCode(),
                (System.nanoTime() - start) / 1_000_000,
                answer.body());
    }

    /** Publishes {@code key} again until it is answered 200; whether it had been published already. */
    private static boolean retry(HeraldServer herald, String key) {
        for (int attempt = 0; attempt < 50; attempt++) {
            HttpResponse<String> answer = herald.post("api/publish", body(key));
            if (answer.statusCode() == 200) {
                return HeraldServer.json(answer.body()).getBoolean("duplicate");
            }
            ServerProcess.pause(100);
        }
        throw new AssertionError("a retry of " + key + " was never answered 200");
    }

    private static String body(String key) {
        return "{\"channel\":\"news:stall\",\"data\":\"" + key + "\",\"idempotencyKey\":\"" + key + "\"}";
    }

    /** The keys of what the channel holds after {@code before}, read by resuming from it, sorted. */
    private static List<String> stored(HeraldServer herald, JsonObject before) {
        try (WsClient client = herald.connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:stall\",\"since\":{\"offset\":"
                    + before.getJsonNumber("offset") + ",\"epoch\":\"" + before.getString("epoch") + "\"}}");
            JsonObject reply = client.next("subscribed");
            assertTrue(reply.getBoolean("recovered"), reply.toString());
            Function<JsonValue, String> key = p -> p.asJsonObject().getString("data");
            List<String> keys = reply.getJsonArray("publications").stream()
                    .map(key)
                    .sorted()
                    .toList();
            Map<String, Long> counts = keys.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting()));
            counts.forEach((k, n) -> assertEquals(1L, n, "stored " + n + " times: " + k));
            return keys;
        }
    }

    private static void awaitReady(HeraldServer herald) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = herald.ready().statusCode();
            if (last == 200) {
                return;
            }
            ServerProcess.pause(100);
        }
        throw new AssertionError("readiness answered " + last + " after the stall");
    }
}
