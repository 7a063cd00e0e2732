package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The REST publish API, CDI event publishing, health and metrics, against Herald on each server (OnServer). */
@ExtendWith(OnServer.class)
class PublishApiIT {

    final HeraldServer herald;

    PublishApiIT(HeraldServer herald) {
        this.herald = herald;
    }

    @Test
    void aPublishAnswersWithThePositionAndReachesSubscribers() {
        try (WsClient client = herald.connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"alerts:ops\"}");
            String epoch = client.next("subscribed").getString("epoch");
            JsonObject answer = herald.publish("alerts:ops", "disk", "{\"free\":3}");
            assertEquals("alerts:ops", answer.getString("channel"));
            assertEquals(1, answer.getJsonNumber("offset").longValue());
            assertEquals(epoch, answer.getString("epoch"));
            assertFalse(answer.getBoolean("duplicate"));
            JsonObject publication = client.next("publication");
            assertEquals(answer.getString("id"), publication.getString("id"));
            assertEquals(3, publication.getJsonObject("data").getInt("free"));
            assertTrue(publication.getJsonNumber("ts").longValue() > 0);
        }
    }

    @Test
    void aRetriedPublishWithTheSameKeyIsNotDuplicated() {
        try (WsClient client = herald.connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:idem\"}");
            client.next("subscribed");
            String body = "{\"channel\":\"news:idem\",\"data\":1,\"idempotencyKey\":\"order-17\"}";
            JsonObject first =
                    HeraldServer.json(herald.post("api/publish", body).body());
            JsonObject second =
                    HeraldServer.json(herald.post("api/publish", body).body());
            assertFalse(first.getBoolean("duplicate"));
            assertTrue(second.getBoolean("duplicate"));
            assertEquals(first.getString("id"), second.getString("id"));
            herald.publish("news:idem", "after", "2");
            assertEquals(1, client.next("publication").getInt("data"));
            assertEquals(2, client.next("publication").getInt("data"), "the retry was not delivered");
        }
    }

    @Test
    void aBatchPublishesEachItemAndReportsEachError() {
        HttpResponse<String> response = herald.post("api/publish", """
                [{"channel":"news:batch","data":1},
                 {"channel":"nowhere:batch","data":2},
                 {"channel":"news:batch","data":3}]""");
        assertEquals(200, response.statusCode());
        JsonArray results = HeraldServer.json(response.body()).getJsonArray("results");
        assertEquals(1, results.getJsonObject(0).getJsonNumber("offset").longValue());
        assertEquals(
                "unknown_namespace",
                results.getJsonObject(1).getJsonObject("error").getString("code"));
        assertEquals(2, results.getJsonObject(2).getJsonNumber("offset").longValue());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json                                  | 400 | malformed",
                "42                                         | 400 | malformed",
                "{\"data\":1}                               | 400 | missing_field",
                "{\"channel\":\"news:x\"}                   | 400 | missing_field",
                "{\"channel\":7,\"data\":1}                 | 400 | invalid_field",
                "{\"channel\":\"news\",\"data\":1}          | 400 | invalid_channel",
                "{\"channel\":\"nowhere:x\",\"data\":1}     | 404 | unknown_namespace",
            })
    void badRequestsGetAStatusAndAnErrorBody(String body, int status, String code) {
        HttpResponse<String> response = herald.post("api/publish", body);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                code, HeraldServer.json(response.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void anOversizedPublicationIsRefusedWith413() {
        HttpResponse<String> response =
                herald.post("api/publish", "{\"channel\":\"news:big\",\"data\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals(413, response.statusCode());
        assertEquals(
                "too_large",
                HeraldServer.json(response.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void codeInsideTheWarPublishesByFiringACdiEvent() {
        try (WsClient client = herald.connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"alerts:cdi\"}");
            client.next("subscribed");
            assertEquals(
                    204,
                    herald.post("api/test/fire/alerts:cdi", "from a CDI event").statusCode());
            JsonObject publication = client.next("publication");
            assertEquals("fired", publication.getString("event"));
            assertEquals("from a CDI event", publication.getString("data"));
        }
    }

    @Test
    void healthReportsLiveAndReady() {
        HttpResponse<String> live = HeraldServer.send(
                HttpRequest.newBuilder(herald.process().health().resolve("live"))
                        .GET());
        assertEquals(200, live.statusCode(), live.body());
        HttpResponse<String> ready = herald.ready();
        assertEquals(200, ready.statusCode());
        assertEquals("UP", HeraldServer.json(ready.body()).getString("status"));
    }

    @Test
    void metricsShowConnectionsMessagesAndErrors() {
        try (WsClient client = herald.connect()) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:metrics\"}");
            client.next("subscribed");
            client.send("{broken");
            client.next("error");
            herald.publish("news:metrics", "e", "1");
            client.next("publication");
            String metrics = herald.metrics();
            if (metrics == null) { // WildFly: no MicroProfile Metrics, the meters are inert (docs/deploy.md)
                return;
            }
            for (String name : new String[] {
                "herald_connections_open{",
                "herald_connections_opened_total{",
                "herald_messages_received_total",
                "herald_messages_sent_total",
                "herald_errors_total{",
                "herald_subscriptions_active"
            }) {
                assertTrue(metrics.contains(name), name + " missing from /metrics");
            }
            // Liberty names the timer in seconds (herald_delivery_latency_seconds_count), Payara without the unit
            assertTrue(
                    metrics.matches("(?s).*\\nherald_delivery_latency(_seconds)?_count\\{[^}]*} [1-9].*"),
                    "the delivery was timed: " + metrics);
            assertTrue(
                    metrics.matches("(?s).*herald_connections_open\\{[^}]*transport=\"websocket\"[^}]*} [1-9].*"),
                    "an open WebSocket connection is counted");
            assertTrue(metrics.matches("(?s).*herald_errors_total\\{[^}]*kind=\"malformed\"[^}]*} [1-9].*"));
        }
    }
}
