package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.LibertyProcess;
import io.herald.it.support.PayaraProcess;
import io.herald.it.support.ServerProcess;
import io.herald.it.support.WildFlyProcess;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same WAR, unchanged, on Payara Micro, WildFly and Open Liberty (each started once, on loopback
 * and free ports, from the runtime the build unpacked): the same checks pass on each server.
 */
class PortabilityIT {

    /** A server under test: where the application and its readiness are, and whether it has MP Metrics. */
    private record Node(URI base, URI health, boolean metrics, ServerProcess process) {
    }

    private static final List<String> SETTINGS = List.of("herald.channel.namespaces=demo,news",
            "herald.channel.namespace.demo.client-publish=true", "herald.channel.namespace.demo.anonymous=true",
            "herald.channel.namespace.news.anonymous=true", "herald.publish.anonymous=false");
    private static final Path WORK = Path.of("target", "portability-it");
    private static final Map<String, Node> NODES = new LinkedHashMap<>();

    @AfterAll
    static void stopAll() {
        NODES.values().forEach(node -> node.process().close());
        NODES.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {"payara", "wildfly", "liberty"})
    void webSocketSubscribersGetEveryPublicationInOrderAndResumeExactly(String server) {
        HeraldServer herald = new HeraldServer(node(server).base());
        JsonObject third;
        try (WsClient reader = herald.connect(); WsClient writer = herald.connect()) {
            reader.send("{\"type\":\"subscribe\",\"channel\":\"demo:portable\"}");
            reader.next("subscribed");
            for (int n = 1; n <= 5; n++) {
                writer.send("{\"type\":\"publish\",\"channel\":\"demo:portable\",\"data\":" + n + "}");
                writer.next("published");
            }
            List<JsonObject> received = reader.publications(5);
            assertEquals(List.of(1, 2, 3, 4, 5), received.stream().map(p -> p.getInt("data")).toList());
            third = received.get(2);
        }
        try (WsClient again = herald.connect()) {
            again.send("{\"type\":\"subscribe\",\"channel\":\"demo:portable\",\"since\":{\"offset\":"
                    + third.getJsonNumber("offset") + ",\"epoch\":\"" + third.getString("epoch") + "\"}}");
            JsonObject reply = again.next("subscribed");
            assertTrue(reply.getBoolean("recovered"));
            assertEquals(List.of(4, 5), reply.getJsonArray("publications").stream()
                    .map(p -> p.asJsonObject().getInt("data")).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"payara", "wildfly", "liberty"})
    void anUnauthenticatedPublishIsRefusedAndBadFramesGetTheirError(String server) {
        HeraldServer herald = new HeraldServer(node(server).base());
        HttpResponse<String> refused = herald.post("api/publish", "{\"channel\":\"news:x\",\"data\":1}");
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("unauthenticated", HeraldServer.json(refused.body()).getJsonObject("error").getString("code"));
        try (WsClient client = herald.connect()) {
            client.send("{not json");
            assertEquals("malformed", client.next("error").getString("code"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"nowhere:x\"}");
            assertEquals("unknown_namespace", client.next("error").getString("code"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"payara", "wildfly", "liberty"})
    void aPollAnswersWithAnEtagAndThenNotModified(String server) {
        HeraldServer herald = new HeraldServer(node(server).base());
        HttpResponse<String> first = herald.get("api/poll?wait=0&cursor=news:etag");
        assertEquals(200, first.statusCode(), first.body());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String cursor = HeraldServer.json(first.body()).getString("cursor");
        HttpResponse<String> same = HeraldServer.send(HttpRequest.newBuilder(node(server).base().resolve(
                "api/poll?wait=0&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)))
                .header("If-None-Match", etag).GET());
        assertEquals(304, same.statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"payara", "wildfly", "liberty"})
    void readinessIsUpAndMetricsAreExposedWhereTheServerHasThem(String server) {
        Node node = node(server);
        HttpResponse<String> ready = HeraldServer.send(HttpRequest.newBuilder(node.health()).GET());
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"herald\""), ready.body());
        if (node.metrics()) {
            String metrics = HeraldServer.send(HttpRequest.newBuilder(node.health().resolve("/metrics?scope=application")).GET())
                    .body();
            assertTrue(metrics.contains("herald_connections_opened_total"), metrics);
        }
    }

    private static synchronized Node node(String server) {
        return NODES.computeIfAbsent(server, PortabilityIT::start);
    }

    private static Node start(String server) {
        Path war = ServerProcess.required("herald.war", "target/herald.war");
        switch (server) {
            case "payara" -> {
                PayaraProcess payara = new PayaraProcess(war, SETTINGS, WORK.resolve("payara"));
                payara.start();
                return new Node(payara.base(), URI.create("http://127.0.0.1:" + payara.port() + "/health/ready"),
                        true, payara);
            }
            case "wildfly" -> {
                WildFlyProcess wildfly = new WildFlyProcess(ServerProcess.required("herald.wildfly.home",
                        "target/servers/wildfly"), war, WORK.resolve("wildfly"));
                wildfly.start(SETTINGS);
                return new Node(wildfly.base(), wildfly.health(), false, wildfly);
            }
            case "liberty" -> {
                LibertyProcess liberty = new LibertyProcess(ServerProcess.required("herald.liberty.home",
                        "target/servers/wlp"), war, WORK.resolve("liberty"));
                liberty.start(SETTINGS);
                return new Node(liberty.base(), liberty.health(), true, liberty);
            }
            default -> throw new IllegalArgumentException(server);
        }
    }
}
