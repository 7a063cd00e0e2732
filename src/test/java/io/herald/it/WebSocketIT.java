package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Protocol herald.v1 over a real WebSocket against Herald on each server (OnServer). */
@ExtendWith(OnServer.class)
class WebSocketIT {

    final HeraldServer herald;

    WebSocketIT(HeraldServer herald) {
        this.herald = herald;
    }

    @Test
    void negotiatesTheVersionedSubprotocol() {
        try (WsClient client = herald.connect()) {
            assertEquals("herald.v1", client.subprotocol());
        }
    }

    @Test
    void severalClientsReceiveEveryPublicationInOrder() {
        List<WsClient> clients =
                IntStream.range(0, 3).mapToObj(i -> herald.connect()).toList();
        try {
            for (WsClient client : clients) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"news:order\",\"ref\":7}");
                JsonObject reply = client.next("subscribed");
                assertEquals(7, reply.getInt("ref"));
                assertEquals("news:order", reply.getString("channel"));
            }
            for (int n = 1; n <= 50; n++) {
                herald.publish("news:order", "tick", "{\"n\":" + n + "}");
            }
            for (WsClient client : clients) {
                List<JsonObject> received = client.publications(50);
                for (int n = 1; n <= 50; n++) {
                    JsonObject publication = received.get(n - 1);
                    assertEquals(n, publication.getJsonObject("data").getInt("n"));
                    assertEquals(n, publication.getJsonNumber("offset").longValue());
                    assertEquals("tick", publication.getString("event"));
                    assertEquals("news:order", publication.getString("channel"));
                }
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void aClientThatComesBackGetsExactlyWhatItMissed() {
        JsonObject position;
        try (WsClient client = herald.connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:resume\"}");
            client.next("subscribed");
            for (int n = 1; n <= 3; n++) {
                herald.publish("news:resume", "e", String.valueOf(n));
            }
            position = client.publications(3).get(2);
        }
        for (int n = 4; n <= 8; n++) {
            herald.publish("news:resume", "e", String.valueOf(n));
        }
        try (WsClient client = herald.connect()) {
            client.send(subscribeSince(
                    "news:resume", position.getJsonNumber("offset").longValue(), position.getString("epoch")));
            JsonObject reply = client.next("subscribed");
            assertTrue(reply.getBoolean("recovered"));
            assertEquals(
                    List.of(4, 5, 6, 7, 8),
                    reply.getJsonArray("publications").stream()
                            .map(p -> p.asJsonObject().getInt("data"))
                            .toList());
            assertEquals(8, reply.getJsonNumber("offset").longValue());
            herald.publish("news:resume", "e", "9");
            assertEquals(9, client.next("publication").getInt("data"));
        }
    }

    @Test
    void outsideTheHistoryWindowTheClientIsToldItDidNotRecover() {
        String epoch = null;
        for (int n = 1; n <= 6; n++) {
            epoch = herald.publish("tiny:window", "e", String.valueOf(n)).getString("epoch");
        }
        try (WsClient client = herald.connect()) {
            client.send(subscribeSince("tiny:window", 1, epoch));
            JsonObject lost = client.next("subscribed");
            assertFalse(lost.getBoolean("recovered"));
            assertTrue(lost.getJsonArray("publications").isEmpty());
            assertEquals(6, lost.getJsonNumber("offset").longValue());

            client.send("{\"type\":\"unsubscribe\",\"channel\":\"tiny:window\"}");
            client.next("unsubscribed");
            client.send(subscribeSince("tiny:window", 4, epoch));
            JsonObject kept = client.next("subscribed");
            assertTrue(kept.getBoolean("recovered"));
            assertEquals(
                    List.of(5, 6),
                    kept.getJsonArray("publications").stream()
                            .map(p -> p.asJsonObject().getInt("data"))
                            .toList());
        }
    }

    @Test
    void anotherEpochMeansTheHistoryWasLostAndIsNotRecovered() {
        herald.publish("news:epoch", "e", "1");
        try (WsClient client = herald.connect()) {
            client.send(subscribeSince("news:epoch", 0, "epoch-of-a-previous-life"));
            JsonObject reply = client.next("subscribed");
            assertFalse(reply.getBoolean("recovered"));
            assertEquals(1, reply.getJsonNumber("offset").longValue());
        }
    }

    @Test
    void badFramesGetAnErrorNamingTheProblemAndTheConnectionStaysOpen() {
        try (WsClient client = herald.connect()) {
            assertError(client, "{not json", "malformed");
            assertError(client, "[1,2]", "malformed");
            assertError(client, "{\"type\":\"launch\",\"ref\":\"r1\"}", "unknown_type");
            assertError(client, "{\"ref\":\"r2\"}", "missing_field");
            assertError(client, "{\"type\":\"subscribe\",\"ref\":\"r3\"}", "missing_field");
            assertError(client, "{\"type\":\"subscribe\",\"channel\":42,\"ref\":\"r4\"}", "invalid_field");
            assertError(client, "{\"type\":\"subscribe\",\"channel\":\"no-colon\",\"ref\":\"r5\"}", "invalid_channel");
            assertError(
                    client, "{\"type\":\"subscribe\",\"channel\":\"nowhere:x\",\"ref\":\"r6\"}", "unknown_namespace");
            assertError(
                    client,
                    "{\"type\":\"subscribe\",\"channel\":\"news:x\",\"since\":{\"offset\":-1,"
                            + "\"epoch\":\"e\"},\"ref\":\"r7\"}",
                    "invalid_field");
            assertError(
                    client,
                    "{\"type\":\"publish\",\"channel\":\"news:x\",\"data\":1,\"ref\":\"r8\"}",
                    "publish_forbidden");
            assertError(client, "{\"type\":\"unsubscribe\",\"channel\":\"news:x\",\"ref\":\"r9\"}", "not_subscribed");
            client.send("{\"type\":\"ping\",\"ref\":\"still-there\"}");
            assertEquals("still-there", client.next("pong").getString("ref"));
            assertTrue(client.isOpen());
        }
    }

    @Test
    void clientsPublishWhereTheNamespaceAllowsIt() {
        try (WsClient publisher = herald.connect();
                WsClient reader = herald.connect()) {
            reader.send("{\"type\":\"subscribe\",\"channel\":\"demo:chat\"}");
            reader.next("subscribed");
            publisher.send("{\"type\":\"publish\",\"ref\":1,\"channel\":\"demo:chat\",\"event\":\"said\","
                    + "\"data\":{\"text\":\"hello\"},\"idempotencyKey\":\"k-1\"}");
            JsonObject published = publisher.next("published");
            assertEquals(1, published.getInt("ref"));
            assertFalse(published.getBoolean("duplicate"));
            publisher.send("{\"type\":\"publish\",\"ref\":2,\"channel\":\"demo:chat\",\"event\":\"said\","
                    + "\"data\":{\"text\":\"hello\"},\"idempotencyKey\":\"k-1\"}");
            JsonObject again = publisher.next("published");
            assertTrue(again.getBoolean("duplicate"));
            assertEquals(published.getJsonNumber("offset"), again.getJsonNumber("offset"));
            assertEquals(
                    "hello", reader.next("publication").getJsonObject("data").getString("text"));
            reader.send("{\"type\":\"ping\",\"ref\":\"after\"}");
            assertEquals(
                    "pong",
                    reader.next(f -> !"ping".equals(f.getString("type")), Duration.ofSeconds(10))
                            .getString("type"),
                    "the duplicate was not delivered");
        }
    }

    @Test
    void theChannelLimitRefusesTheNextSubscribeButKeepsTheConnection() {
        try (WsClient client = herald.connect()) {
            for (int i = 0; i < 8; i++) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"news:many-" + i + "\"}");
                client.next("subscribed");
            }
            assertError(
                    client, "{\"type\":\"subscribe\",\"channel\":\"news:many-8\",\"ref\":\"x\"}", "too_many_channels");
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:many-0\",\"ref\":\"y\"}");
            assertEquals("already_subscribed", client.next("error").getString("code"));
            herald.publish("news:many-3", "e", "3");
            assertEquals("news:many-3", client.next("publication").getString("channel"));
        }
    }

    @Test
    void anOversizedFrameIsRefusedWith1009() {
        try (WsClient client = herald.connect()) {
            client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
            assertEquals(1009, client.awaitClose(Duration.ofSeconds(10)));
        }
        try (WsClient other = herald.connect()) {
            other.send("{\"type\":\"ping\",\"ref\":1}");
            assertEquals(1, other.next("pong").getInt("ref"));
        }
    }

    @Test
    void aSilentClientIsPingedThenClosedAfterTheIdleTimeout() {
        try (WsClient silent = WsClient.connect(herald.webSocket(), false);
                WsClient alive = herald.connect()) {
            silent.next("ping");
            assertEquals(4002, silent.awaitClose(Duration.ofSeconds(10)));
            assertTrue(alive.isOpen(), "a client answering heartbeats stays connected");
            alive.send("{\"type\":\"ping\",\"ref\":1}");
            assertEquals(1, alive.next("pong").getInt("ref"));
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAsSlowWhileOthersReceiveEverything() throws Exception {
        double slowBefore = slowConsumerCloses();
        try (RawWebSocket stalled = new RawWebSocket(herald.webSocket());
                WsClient healthy = herald.connect()) {
            stalled.sendText("{\"type\":\"subscribe\",\"channel\":\"news:flood\"}");
            stalled.keepTalking();
            healthy.send("{\"type\":\"subscribe\",\"channel\":\"news:flood\"}");
            healthy.next("subscribed");
            String payload = "\"" + "p".repeat(60_000) + "\"";
            int count = 300;
            List<Long> offsets = new ArrayList<>();
            for (int n = 1; n <= count; n++) {
                herald.publish("news:flood", "big", payload);
                offsets.add(healthy.next("publication").getJsonNumber("offset").longValue());
            }
            assertEquals(LongRange.of(1, count), offsets);
            RawWebSocket.Ending ending = stalled.readToEnd();
            assertTrue(ending.textFrames() < count, "the stalled client did not get everything: " + ending);
            // docs/operations.md, "A client that stops reading": WildFly and Open Liberty send 4003 behind what
            // the client had not read; Payara Micro cuts the connection before it (the client reports 1006)
            if ("payara".equals(herald.process().name())) {
                assertTrue(ending.closeCode() == 4003 || ending.closeCode() == -1, "closed with " + ending);
            } else {
                assertEquals(
                        4003, ending.closeCode(), "the stalled client reads 4003 after what was queued: " + ending);
            }
            if (!Double.isNaN(slowBefore)) { // WildFly has no MicroProfile Metrics (docs/deploy.md)
                // this client's close, not an earlier test's
                assertEquals(slowBefore + 1, slowConsumerCloses(), "the server closed it as a slow consumer");
            }
        }
    }

    /** The server's count of slow-consumer closes so far; NaN where the server has no MicroProfile Metrics. */
    private double slowConsumerCloses() {
        String metrics = herald.metrics();
        if (metrics == null) {
            return Double.NaN;
        }
        return metrics.lines()
                .filter(line ->
                        line.startsWith("herald_disconnections_total{") && line.contains("reason=\"slow_consumer\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void assertError(WsClient client, String frame, String code) {
        client.send(frame);
        JsonObject error = client.next("error");
        assertEquals(code, error.getString("code"), error.toString());
        assertFalse(error.getString("message").isBlank());
        assertTrue(client.isOpen());
    }

    private static String subscribeSince(String channel, long offset, String epoch) {
        return "{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"since\":{\"offset\":" + offset
                + ",\"epoch\":\"" + epoch + "\"}}";
    }

    private static final class LongRange {
        static List<Long> of(long from, long to) {
            List<Long> range = new ArrayList<>();
            for (long n = from; n <= to; n++) {
                range.add(n);
            }
            return range;
        }
    }
}
