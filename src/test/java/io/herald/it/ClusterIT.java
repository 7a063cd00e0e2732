package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import io.herald.it.support.TestRedis;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Herald nodes (two processes of the server of the run, the same WAR) sharing one real Redis, over the wire.
 * The last tests stop Redis and a node, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static TestRedis redis;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;

    @BeforeAll
    static void start() {
        redis = new TestRedis();
        List<String> settings = List.of(
                "herald.redis.url=" + redis.url(),
                "herald.channel.namespaces=news,demo",
                "herald.channel.namespace.demo.client-publish=true",
                "herald.redis.heartbeat-interval=PT0.5S",
                "herald.redis.reconnect-max-backoff=PT0.5S",
                "herald.channel.anonymous=true",
                "herald.publish.anonymous=true");
        Path logs = Path.of("target", "cluster-it", ServerProcess.kind());
        Path war = ServerProcess.required("herald.war", "target/herald.war");
        nodeA = ServerProcess.of(ServerProcess.kind(), war, settings, logs.resolve("a"));
        nodeB = ServerProcess.of(ServerProcess.kind(), war, settings, logs.resolve("b"));
        nodeA.start();
        nodeB.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (nodeA != null) {
                nodeA.close();
            }
            if (nodeB != null) {
                nodeB.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    @Order(1)
    void aPublicationOnOneNodeReachesSubscribersOnBothInOrder() {
        HeraldServer a = server(nodeA);
        HeraldServer b = server(nodeB);
        try (WsClient onA = a.connect();
                WsClient onB = b.connect()) {
            for (WsClient client : List.of(onA, onB)) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"news:cross\"}");
                client.next("subscribed");
            }
            for (int n = 1; n <= 20; n++) {
                (n % 2 == 0 ? a : b).publish("news:cross", "e", String.valueOf(n));
            }
            for (WsClient client : List.of(onA, onB)) {
                List<JsonObject> received = client.publications(20);
                assertEquals(
                        IntStream.rangeClosed(1, 20).boxed().toList(),
                        received.stream().map(p -> p.getInt("data")).toList());
                assertEquals(
                        IntStream.rangeClosed(1, 20).mapToObj(Long::valueOf).toList(),
                        received.stream()
                                .map(p -> p.getJsonNumber("offset").longValue())
                                .toList());
            }
        }
    }

    @Test
    @Order(2)
    void aRetriedPublishOnTheOtherNodeIsNotDuplicated() {
        String body = "{\"channel\":\"news:idem\",\"data\":1,\"idempotencyKey\":\"invoice-42\"}";
        JsonObject first =
                HeraldServer.json(server(nodeA).post("api/publish", body).body());
        JsonObject retry =
                HeraldServer.json(server(nodeB).post("api/publish", body).body());
        assertFalse(first.getBoolean("duplicate"));
        assertTrue(retry.getBoolean("duplicate"));
        assertEquals(first.getString("id"), retry.getString("id"));
    }

    @Test
    @Order(3)
    void aLongPollIsAnsweredByTheOtherNode() throws Exception {
        JsonObject top = server(nodeA).publish("news:poll", "e", "1");
        String cursor = "news:poll~" + top.getJsonNumber("offset") + "~" + top.getString("epoch");
        var waiting = server(nodeB)
                .getAsync("api/poll?wait=20&cursor="
                        + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
        Thread.sleep(500);
        server(nodeA).publish("news:poll", "e", "2");
        HttpResponse<String> answer = waiting.get(15, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonObject frame =
                HeraldServer.json(answer.body()).getJsonArray("frames").getJsonObject(0);
        assertEquals(2, frame.getInt("data"));
    }

    @Test
    @Order(4)
    void whenRedisIsLostNodesReportNotReadyRefusePublishesAndRecoverWhenItReturns() {
        HeraldServer a = server(nodeA);
        try (WsClient client = server(nodeB).connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:outage\"}");
            client.next("subscribed");
            a.publish("news:outage", "e", "1");
            assertEquals(1, client.next("publication").getInt("data"));

            redis.stop();
            awaitStatus(a, 503);
            HttpResponse<String> refused = a.post("api/publish", "{\"channel\":\"news:outage\",\"data\":2}");
            assertEquals(503, refused.statusCode());
            assertEquals(
                    "unavailable",
                    HeraldServer.json(refused.body()).getJsonObject("error").getString("code"));
            assertTrue(client.isOpen(), "clients stay connected while Redis is away");
            try (WsClient late = server(nodeB).connect()) {
                late.send("{\"type\":\"subscribe\",\"channel\":\"news:late\",\"ref\":1}");
                assertEquals(
                        4006,
                        late.awaitClose(Duration.ofSeconds(15)),
                        "a subscribe the node cannot serve closes the connection: it never looks subscribed");
            }

            redis.start();
            awaitStatus(a, 200);
            awaitStatus(server(nodeB), 200);
            assertEquals(
                    4006,
                    client.awaitClose(Duration.ofSeconds(20)),
                    "Redis came back empty: the subscriber is told to resume");
        }
    }

    @Test
    @Order(5)
    void aClientOfAKilledNodeResumesOnTheOtherWithoutLoss() {
        JsonObject seen;
        try (WsClient client = server(nodeA).connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:failover\"}");
            client.next("subscribed");
            for (int n = 1; n <= 3; n++) {
                server(nodeB).publish("news:failover", "e", String.valueOf(n));
            }
            seen = client.publications(3).get(2);
            nodeA.stop();
            assertTrue(client.awaitClose(Duration.ofSeconds(30)) > 0);
        }
        for (int n = 4; n <= 8; n++) {
            server(nodeB).publish("news:failover", "e", String.valueOf(n));
        }
        try (WsClient client = server(nodeB).connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:failover\",\"since\":{\"offset\":"
                    + seen.getJsonNumber("offset") + ",\"epoch\":\"" + seen.getString("epoch") + "\"}}");
            JsonObject reply = client.next("subscribed");
            assertTrue(reply.getBoolean("recovered"));
            assertEquals(
                    List.of(4, 5, 6, 7, 8),
                    reply.getJsonArray("publications").stream()
                            .map(p -> p.asJsonObject().getInt("data"))
                            .toList());
        }
    }

    private static HeraldServer server(ServerProcess node) {
        return new HeraldServer(node);
    }

    private static void awaitStatus(HeraldServer server, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = server.ready().statusCode();
            if (last == status) {
                return;
            }
            ServerProcess.pause(100);
        }
        throw new AssertionError("readiness answered " + last + ", expected " + status);
    }
}
