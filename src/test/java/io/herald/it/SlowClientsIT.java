package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that hold the server's resources without using them: request bodies sent a byte a second or cut
 * short, long-polls whose clients have left, one address polling for many. Other clients, on 127.0.0.1, keep
 * being served; the attacks come from other loopback addresses (127.0.0.2 and up), run a bounded time, and
 * target 127.0.0.1 only. On each server (OnServer).
 */
@ExtendWith(OnServer.class)
class SlowClientsIT {

    /** What other clients' publishes and polls are answered within while the slow bodies arrive. */
    private static final Duration BOUND = Duration.ofSeconds(3);
    /** herald.http.body-timeout as shipped, and the time a refused body may take to be answered after it. */
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration SLACK = Duration.ofSeconds(5);

    static List<String> settings() {
        return EdgeServer.settings();
    }

    final HeraldServer herald;

    SlowClientsIT(HeraldServer herald) {
        this.herald = herald;
    }

    /**
     * 220 connections from 127.0.0.2 send {@code POST /api/publish} with {@code Content-Length: 1000} a byte a
     * second for 20 s (a connection the server ends is opened again); meanwhile a client publishes and polls
     * every 250 ms. Before, all the server's request threads waited for those bytes and every request timed out.
     */
    @Test
    void bodiesSentAByteASecondDoNotSlowOtherClients() throws InterruptedException {
        String path = herald.base().getPath() + "api/publish";
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Content-Length", "1000");
        List<RawHttp> attackers = new ArrayList<>();
        for (int i = 0; i < 220; i++) {
            attackers.add(new RawHttp(herald, "127.0.0.2").request("POST", path, headers, "["));
        }
        List<Integer> refusals = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long nextDrip = 0;
        try {
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextDrip) {
                    drip(attackers, path, headers, refusals);
                    nextDrip = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
                latencies.add(timed(() -> assertEquals(
                        200,
                        send(HttpRequest.newBuilder(herald.base().resolve("api/publish"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"channel\":\"news:busy\",\"data\":1}"))))));
                latencies.add(timed(() -> assertEquals(
                        200,
                        send(HttpRequest.newBuilder(herald.base().resolve("api/poll?wait=0&cursor=news:busy"))
                                .GET()))));
                Thread.sleep(250);
            }
        } finally {
            attackers.forEach(RawHttp::close);
        }
        long slowest = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf(
                "slow bodies: %d requests of other clients, slowest %d ms, median %d ms; %d bodies refused%n",
                latencies.size(),
                slowest,
                latencies.stream().sorted().toList().get(latencies.size() / 2),
                refusals.size());
        assertTrue(slowest < BOUND.toMillis(), "the slowest answer took " + slowest + " ms");
        assertTrue(refusals.size() >= 220, "the server answered " + refusals.size() + " of the slow bodies");
        assertTrue(refusals.stream().allMatch(status -> status == 408), refusals::toString);
    }

    /** A byte to each attacker; one the server has answered (408, read and counted) or closed is opened again. */
    private void drip(List<RawHttp> attackers, String path, Map<String, String> headers, List<Integer> refusals) {
        for (int i = 0; i < attackers.size(); i++) {
            RawHttp attacker = attackers.get(i);
            RawHttp.Answer answer = attacker.answerIfAny(Duration.ofMillis(1));
            if (answer != RawHttp.NONE || !attacker.trySend(" ")) {
                if (answer != null && answer != RawHttp.NONE) {
                    assertTrue(answer.isJson() && "timeout".equals(answer.errorCode()), answer::toString);
                    refusals.add(answer.status());
                }
                attacker.close();
                attackers.set(i, new RawHttp(herald, "127.0.0.2").request("POST", path, headers, "["));
            }
        }
    }

    /**
     * The other client's requests, on connections of its own: the client the other tests share keeps their
     * pooled connections, and a stale one of theirs must not be what this test measures.
     */
    private final HttpClient other = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private int send(HttpRequest.Builder request) {
        try {
            return other.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long timed(Runnable request) {
        long start = System.nanoTime();
        request.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** A body that stops halfway is answered 408 with the JSON body within the body timeout (before: 60 s, 500 HTML). */
    @Test
    void aBodyCutShortIsAnsweredWithinTheBodyTimeout() {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Content-Length", "1000");
        long start = System.nanoTime();
        try (RawHttp publish = new RawHttp(herald, "127.0.0.1");
                RawHttp client = new RawHttp(herald, "127.0.0.1");
                RawHttp ended = new RawHttp(herald, "127.0.0.1")) {
            publish.request("POST", herald.base().getPath() + "api/publish", headers, "{\"channel\":\"news:a\",");
            client.request("POST", herald.base().getPath() + "api/client", headers, "{\"type\":\"pi");
            ended.request("POST", herald.base().getPath() + "api/publish", headers, "{\"channel\"")
                    .endOutput();
            for (RawHttp stopped : List.of(publish, client)) {
                RawHttp.Answer answer = stopped.answer(BODY_TIMEOUT.plus(SLACK));
                assertEquals(408, answer.status(), answer::toString);
                assertTrue(answer.isJson(), answer::toString);
                assertEquals("timeout", answer.errorCode());
            }
            assertTrue(System.nanoTime() - start < BODY_TIMEOUT.plus(SLACK).toNanos());
            // a client that ended its side halfway is answered 400 at once, or its connection is closed at once
            RawHttp.Answer early = ended.answerIfAny(Duration.ofSeconds(1));
            assertNotEquals(RawHttp.NONE, early, "still waiting for a body that cannot come");
            if (early != null) {
                assertEquals(400, early.status(), early::toString);
                assertEquals("malformed", early.errorCode());
            }
        }
    }

    /**
     * 60 long-polls (every place of the node) whose clients leave after 300 ms: a new client's poll gets a place
     * once they have waited herald.http.poll-eviction-after (1 s), where it waited 503s for up to 60 s before.
     */
    @Test
    void pollsWhoseClientsLeftGiveTheirPlacesToNewOnes() throws Exception {
        String cursor = cursorAfterAPublication("news:left");
        List<RawHttp> left = new ArrayList<>();
        for (int i = 0; i < EdgeServer.MAX_WAITING_POLLS; i++) {
            left.add(longPoll(i < EdgeServer.MAX_WAITING_POLLS_PER_ADDRESS ? "127.0.0.2" : "127.0.0.3", cursor));
        }
        Thread.sleep(300);
        left.forEach(RawHttp::close);
        Thread.sleep(1200);

        CompletableFuture<HttpResponse<String>> waiting =
                herald.getAsync("api/poll?wait=30&cursor=" + Feeds.query(cursor));
        Thread.sleep(500);
        assertTrue(
                !waiting.isDone() || waiting.get().statusCode() == 200,
                () -> "refused: " + waiting.join().body());
        herald.publish("news:left", "e", "2");
        HttpResponse<String> answer = waiting.get(5, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(2, frames(answer.body()).get(0).getInt("data"));
    }

    /**
     * 60 long-polls from one address get the address's 40 places; the others are answered 429 at once (or, had
     * the oldest waited long enough, one of those is answered as at the end of its wait), and a client elsewhere
     * still gets a place. Before, the one address held every place of the node and everyone else got 503.
     */
    @Test
    void oneAddressGetsItsShareOfTheWaitingPollsNotAll() throws Exception {
        String cursor = cursorAfterAPublication("news:share");
        List<RawHttp> polls = new ArrayList<>();
        for (int i = 0; i < EdgeServer.MAX_WAITING_POLLS; i++) {
            polls.add(longPoll("127.0.0.4", cursor));
        }
        try {
            int refused = 0;
            int ended = 0;
            List<RawHttp> waiting = new ArrayList<>(polls);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (refused + ended < EdgeServer.MAX_WAITING_POLLS - EdgeServer.MAX_WAITING_POLLS_PER_ADDRESS
                    && System.nanoTime() < deadline) {
                for (RawHttp poll : List.copyOf(waiting)) {
                    RawHttp.Answer answer = poll.answerIfAny(Duration.ofMillis(5));
                    if (answer == RawHttp.NONE) {
                        continue;
                    }
                    waiting.remove(poll);
                    assertTrue(answer != null, "a poll's connection was closed without an answer");
                    if (answer.status() == 429) {
                        assertEquals("too_many_connections", answer.errorCode());
                        refused++;
                    } else {
                        assertEquals(200, answer.status(), answer::toString);
                        assertTrue(frames(answer.body()).isEmpty(), answer::toString);
                        ended++;
                    }
                }
            }
            assertEquals(EdgeServer.MAX_WAITING_POLLS - EdgeServer.MAX_WAITING_POLLS_PER_ADDRESS, refused + ended);

            CompletableFuture<HttpResponse<String>> elsewhere =
                    herald.getAsync("api/poll?wait=30&cursor=" + Feeds.query(cursor));
            Thread.sleep(500);
            assertTrue(!elsewhere.isDone(), () -> "refused: " + elsewhere.join().body());
            herald.publish("news:share", "e", "2");
            assertEquals(200, elsewhere.get(5, TimeUnit.SECONDS).statusCode());
        } finally {
            polls.forEach(RawHttp::close);
        }
    }

    /** A cursor at the channel's latest position, so that a long-poll with it waits for the next publication. */
    private String cursorAfterAPublication(String channel) {
        JsonObject published = herald.publish(channel, "e", "1");
        return channel + "~" + published.getJsonNumber("offset").longValue() + "~" + published.getString("epoch");
    }

    private RawHttp longPoll(String from, String cursor) {
        return new RawHttp(herald, from)
                .request(
                        "GET",
                        herald.base().getPath() + "api/poll?wait=60&cursor=" + Feeds.query(cursor),
                        Map.of(),
                        "");
    }

    private static List<JsonObject> frames(String body) {
        return HeraldServer.json(body).getJsonArray("frames").getValuesAs(JsonObject.class);
    }
}
