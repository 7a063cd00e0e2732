package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.Feeds.Catchup;
import io.herald.it.Feeds.Feed;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSE, long-poll, poll and POST /api/client against Herald on each server (OnServer), checked against WebSocket. */
@ExtendWith(OnServer.class)
class HttpTransportsIT {

    final HeraldServer herald;

    HttpTransportsIT(HeraldServer herald) {
        this.herald = herald;
    }

    private static List<Integer> data(List<JsonObject> publications) {
        return publications.stream().map(p -> p.getInt("data")).toList();
    }

    private static List<Long> offsets(List<JsonObject> publications) {
        return publications.stream()
                .map(p -> p.getJsonNumber("offset").longValue())
                .toList();
    }

    private String publishAll(String channel, int from, int to) {
        String epoch = null;
        for (int n = from; n <= to; n++) {
            epoch = herald.publish(channel, "e", String.valueOf(n)).getString("epoch");
        }
        return epoch;
    }

    private HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(Feeds.url(herald, path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Feeds.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> poll(String cursor, int wait, String... headers) {
        return get("api/poll?cursor=" + Feeds.query(cursor) + "&wait=" + wait, headers);
    }

    private static void assertRefused(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response::body);
        assertEquals(code, Feeds.json(response.body()).getJsonObject("error").getString("code"), response::body);
    }

    /** The error code a client of {@code transport} gets for a cursor naming {@code channel}. */
    private String refusal(String transport, String channel) {
        if (transport.equals("websocket")) {
            try (WsClient client = herald.connect()) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
                return client.next("error").getString("code");
            }
        }
        HttpResponse<String> response = transport.equals("sse")
                ? get("api/sse?cursor=" + Feeds.query(channel))
                : poll(channel, transport.equals("poll") ? 0 : 5);
        JsonObject error = Feeds.json(response.body()).getJsonObject("error");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                response.statusCode(),
                switch (error.getString("code")) {
                    case "unknown_namespace" -> 404;
                    default -> 400;
                });
        return error.getString("code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "long-poll", "poll", "websocket"})
    void publicationsArriveInOrder(String transport) {
        String channel = "news:order-" + transport;
        try (Feed feed = Feeds.open(transport, herald, channel)) {
            Catchup first = feed.catchup(channel);
            assertFalse(first.recovered());
            assertEquals(0, first.offset());
            publishAll(channel, 1, 20);
            List<JsonObject> received = feed.publications(20);
            assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), data(received));
            assertEquals(IntStream.rangeClosed(1, 20).mapToObj(n -> (long) n).toList(), offsets(received));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "long-poll", "poll", "websocket"})
    void resumingFromAPositionGivesExactlyWhatWasMissed(String transport) throws InterruptedException {
        String channel = "news:resume-" + transport;
        String epoch = publishAll(channel, 1, 5);
        try (Feed feed = Feeds.open(transport, herald, channel + "~2~" + epoch)) {
            Catchup catchup = feed.catchup(channel);
            assertTrue(catchup.recovered());
            assertEquals(List.of(3, 4, 5), data(catchup.publications()));
            publishAll(channel, 6, 6);
            assertEquals(List.of(6), data(feed.publications(1)));
            assertEquals(List.of(), feed.morePublications(Duration.ofMillis(600)), "nothing twice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "long-poll", "poll", "websocket"})
    void outsideTheHistoryWindowTheClientIsToldItDidNotRecover(String transport) {
        String channel = "tiny:window-" + transport;
        String epoch = publishAll(channel, 1, 6);
        try (Feed feed = Feeds.open(transport, herald, channel + "~1~" + epoch)) {
            Catchup catchup = feed.catchup(channel);
            assertFalse(catchup.recovered());
            assertEquals(List.of(), catchup.publications());
            assertEquals(6, catchup.offset());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "long-poll", "poll", "websocket"})
    void anotherEpochIsNotRecovered(String transport) {
        String channel = "news:epoch-" + transport;
        publishAll(channel, 1, 1);
        try (Feed feed = Feeds.open(transport, herald, channel + "~0~AAAAAAAAAAAAAAAA")) {
            Catchup catchup = feed.catchup(channel);
            assertFalse(catchup.recovered());
            assertEquals(1, catchup.offset());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sse", "long-poll", "poll", "websocket"})
    void unknownNamespacesAndInvalidChannelsAreRefused(String transport) {
        assertEquals("unknown_namespace", refusal(transport, "nope:x"));
        assertEquals("invalid_channel", refusal(transport, "news:a*b"));
    }

    @Test
    void anEventStreamIsPaddedUnbufferedAndCarriesTheCursorInEachId() throws InterruptedException {
        try (SseReader sse = new SseReader(herald, "news:shape,alerts:shape", null)) {
            assertTrue(sse.response
                    .headers()
                    .firstValue("Content-Type")
                    .orElseThrow()
                    .startsWith("text/event-stream"));
            assertEquals(
                    "no-cache",
                    sse.response.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals(
                    "no", sse.response.headers().firstValue("X-Accel-Buffering").orElseThrow());
            sse.catchup("news:shape");
            String epoch = sse.events.get(0).frame().getString("epoch");
            JsonObject alerts = sse.next(f -> "subscribed".equals(f.getString("type")), Duration.ofSeconds(5));
            assertTrue(sse.comments.get(0).length() >= 2048, "padding first");
            assertEquals(
                    "news:shape~0~" + epoch + ",alerts:shape", sse.events.get(0).id());
            assertEquals(
                    "news:shape~0~" + epoch + ",alerts:shape~0~" + alerts.getString("epoch"),
                    sse.events.get(1).id());

            // past the idle timeout (3 s in tests): an SSE client never sends, and is not closed for it
            Thread.sleep(3500);
            String newsEpoch = publishAll("news:shape", 1, 1);
            assertEquals(List.of(1), data(sse.publications(1)));
            SseReader.Event last = sse.events.stream()
                    .filter(e -> "publication".equals(e.frame().getString("type")))
                    .findFirst()
                    .orElseThrow();
            assertEquals("news:shape~1~" + newsEpoch + ",alerts:shape~0~" + alerts.getString("epoch"), last.id());
            List<SseReader.Event> pings = sse.events.stream()
                    .filter(e -> "ping".equals(e.frame().getString("type")))
                    .toList();
            assertFalse(pings.isEmpty(), "heartbeats every second");
            pings.forEach(ping -> assertNull(ping.id(), "a heartbeat keeps Last-Event-ID"));
        }
    }

    @Test
    void anEventStreamResumesFromLastEventIdRatherThanTheQuery() {
        String channel = "news:last-event-id";
        String lastId;
        try (SseReader sse = new SseReader(herald, channel, null)) {
            sse.catchup(channel);
            publishAll(channel, 1, 3);
            assertEquals(List.of(1, 2, 3), data(sse.publications(3)));
            lastId = sse.cursor();
        }
        publishAll(channel, 4, 5);
        try (SseReader sse = new SseReader(herald, channel, lastId)) {
            Catchup catchup = sse.catchup(channel);
            assertTrue(catchup.recovered());
            assertEquals(List.of(4, 5), data(catchup.publications()));
        }
    }

    @Test
    void switchingTransportsMidStreamLosesNothingAndDuplicatesNothing() throws InterruptedException {
        String channel = "news:switch";
        String cursor;
        try (SseReader sse = new SseReader(herald, channel, null)) {
            sse.catchup(channel);
            publishAll(channel, 1, 4);
            assertEquals(List.of(1, 2, 3, 4), data(sse.publications(4)));
            cursor = sse.cursor();
        }
        publishAll(channel, 5, 7);
        try (Feed poll = Feeds.open("long-poll", herald, cursor)) {
            assertEquals(List.of(5, 6, 7), data(poll.catchup(channel).publications()));
            publishAll(channel, 8, 9);
            assertEquals(List.of(8, 9), data(poll.publications(2)));
            assertEquals(List.of(), poll.morePublications(Duration.ofMillis(500)));
            cursor = poll.cursor();
        }
        publishAll(channel, 10, 10);
        assertTrue(cursor.startsWith(channel + "~9~"), cursor);
        try (Feed ws = Feeds.open("websocket", herald, cursor)) {
            Catchup catchup = ws.catchup(channel);
            assertTrue(catchup.recovered());
            assertEquals(List.of(10), data(catchup.publications()));
            publishAll(channel, 11, 11);
            assertEquals(List.of(11), data(ws.publications(1)));
        }
    }

    @Test
    void aLongPollAnswersAsSoonAsSomethingIsPublished() {
        String channel = "news:long-poll-wakes";
        String epoch = publishAll(channel, 1, 1);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> waiting =
                CompletableFuture.supplyAsync(() -> poll(channel + "~1~" + epoch, 20));
        sleep(500);
        assertFalse(waiting.isDone(), "nothing new yet: the poll waits");
        publishAll(channel, 2, 2);
        HttpResponse<String> response = waiting.orTimeout(5, TimeUnit.SECONDS).join();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(200, response.statusCode());
        JsonObject answer = Feeds.json(response.body());
        assertEquals(List.of(2), data(Feeds.objects(answer.getJsonArray("frames"))));
        assertEquals(channel + "~2~" + epoch, answer.getString("cursor"));
        assertTrue(millis < 3000, "answered after " + millis + " ms of a 20 s wait");
    }

    @Test
    void aLongPollWithNothingNewAnswersEmptyAfterTheWait() {
        String channel = "news:long-poll-quiet";
        String cursor = channel + "~1~" + publishAll(channel, 1, 1);
        long start = System.nanoTime();
        HttpResponse<String> response = poll(cursor, 1);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(200, response.statusCode());
        JsonObject answer = Feeds.json(response.body());
        assertEquals(cursor, answer.getString("cursor"));
        assertTrue(answer.getJsonArray("frames").isEmpty());
        assertTrue(millis >= 900 && millis < 5000, "answered after " + millis + " ms");
    }

    @Test
    void aPollWithTheCurrentEtagIsNotModifiedUntilSomethingIsPublished() {
        String channel = "news:etag";
        HttpResponse<String> first = poll(channel, 0);
        assertEquals(200, first.statusCode());
        assertEquals(
                "no-cache, private", first.headers().firstValue("Cache-Control").orElseThrow());
        String cursor = Feeds.json(first.body()).getString("cursor");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        // the tag is the documented hash of the cursor, so every node and every version gives the same one
        assertEquals(documentedEtag(cursor), etag);

        HttpResponse<String> same = poll(cursor, 0, "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals("", same.body());
        assertEquals(etag, same.headers().firstValue("ETag").orElseThrow());

        publishAll(channel, 1, 1);
        HttpResponse<String> changed = poll(cursor, 0, "If-None-Match", etag);
        assertEquals(200, changed.statusCode());
        assertEquals(List.of(1), data(Feeds.objects(Feeds.json(changed.body()).getJsonArray("frames"))));
        assertNotEquals(etag, changed.headers().firstValue("ETag").orElseThrow());
    }

    /** docs/protocol.md §15.4: the first 22 characters of the unpadded base64url SHA-256 of the cursor. */
    private static String documentedEtag(String cursor) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(cursor.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return '"'
                    + java.util.Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(hash)
                            .substring(0, 22)
                    + '"';
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badCursorsAndWaitsAreRefusedWithTheUsualErrorBody() {
        assertRefused(400, "invalid_field", poll("news:a~x~E", 0));
        assertRefused(400, "invalid_field", poll("news:a~1", 0));
        assertRefused(400, "missing_field", get("api/poll?wait=0"));
        assertRefused(
                429, "too_many_channels", poll("news:1,news:2,news:3,news:4,news:5,news:6,news:7,news:8,news:9", 0));
        assertRefused(400, "invalid_field", get("api/poll?cursor=news:a&wait=-1"));
        assertRefused(400, "invalid_field", get("api/sse?cursor=" + Feeds.query("news:a,news:a")));
    }

    @Test
    void clientFramesOverHttpGetTheirReplyOrTheirErrorStatus() {
        JsonObject published = Feeds.json(herald.post(
                        "api/client",
                        "{\"type\":\"publish\",\"channel\":\"demo:http\",\"data\":{\"x\":1},\"ref\":\"p1\"}")
                .body());
        assertEquals("published", published.getString("type"));
        assertEquals("p1", published.getString("ref"));
        assertEquals(1, published.getJsonNumber("offset").longValue());

        assertRefused(
                403,
                "publish_forbidden",
                herald.post("api/client", "{\"type\":\"publish\",\"channel\":\"news:http\",\"data\":1}"));
        assertRefused(400, "malformed", herald.post("api/client", "{\"type\":"));
        assertRefused(400, "unknown_type", herald.post("api/client", "{\"type\":\"dance\"}"));
        assertRefused(
                413,
                "too_large",
                herald.post("api/client", "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(17000) + "\"}"));

        JsonObject pong = Feeds.json(
                herald.post("api/client", "{\"type\":\"ping\",\"ref\":3}").body());
        assertEquals("pong", pong.getString("type"));
        assertEquals(3, pong.getInt("ref"));

        JsonObject subscribed = Feeds.json(herald.post(
                        "api/client",
                        "{\"type\":\"subscribe\",\"channel\":\"demo:http\"," + "\"since\":{\"offset\":0,\"epoch\":\""
                                + published.getString("epoch") + "\"},\"ref\":4}")
                .body());
        assertEquals("subscribed", subscribed.getString("type"));
        assertTrue(subscribed.getBoolean("recovered"));
        assertEquals(1, subscribed.getJsonArray("publications").size());
        assertEquals(4, subscribed.getInt("ref"));
    }

    @Test
    void streamsAndPollsAreCounted() {
        poll("news:counted", 0);
        try (SseReader sse = new SseReader(herald, "news:counted", null)) {
            sse.catchup("news:counted");
            String metrics = herald.metrics();
            if (metrics != null) { // WildFly has no MicroProfile Metrics (docs/deploy.md)
                assertTrue(
                        metrics.matches("(?s).*herald_connections_open\\{[^}]*transport=\"sse\"[^}]*} [1-9].*"),
                        metrics);
                assertTrue(
                        metrics.matches("(?s).*herald_http_polls_total\\{[^}]*kind=\"poll\"[^}]*} [1-9].*"), metrics);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
