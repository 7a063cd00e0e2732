package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node whose backlog passes its limit refuses new publications with 503 {@code overloaded} and
 * {@code Retry-After} instead of queueing more, and publishes again once the backlog is gone
 * (docs/operations.md, "When a node falls behind"). The WebSocket {@code publish} is refused by the same
 * {@code Publisher} ({@code PublisherTest}); over the wire its moment is not stable here: on Payara the stalled
 * client's connection ends, and its backlog with it, right after the budget is passed.
 */
@ExtendWith(OnServer.class)
class BacklogIT {

    /** A node budget below the outbox bound: a client that stops reading fills the budget before it is closed. */
    static List<String> settings() {
        List<String> settings = new ArrayList<>(Deployments.TEST_SETTINGS);
        settings.add("herald.publish.max-backlog-bytes=200000");
        return settings;
    }

    private final HeraldServer herald;

    BacklogIT(HeraldServer herald) {
        this.herald = herald;
    }

    @Test
    void publishingIsRefusedWhileTheBacklogIsOverItsLimitAndAcceptedOnceItIsGone() throws Exception {
        String payload = "\"" + "p".repeat(60_000) + "\"";
        String body = "{\"channel\":\"news:backlog\",\"event\":\"big\",\"data\":" + payload + "}";
        HttpResponse<String> refused = null;
        try (RawWebSocket stalled = new RawWebSocket(herald.webSocket());
                WsClient reader = herald.connect()) {
            stalled.sendText("{\"type\":\"subscribe\",\"channel\":\"news:backlog\"}");
            stalled.keepTalking();
            reader.send("{\"type\":\"subscribe\",\"channel\":\"news:backlog\"}");
            reader.next("subscribed");
            int accepted = 0;
            for (int n = 0; n < 300 && refused == null; n++) {
                HttpResponse<String> response = herald.post("api/publish", body);
                if (response.statusCode() == 200) {
                    accepted++;
                    reader.next("publication");
                } else {
                    refused = response;
                }
            }
            assertTrue(refused != null, "no publish was refused in 300 while a client did not read");
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals(
                    "overloaded",
                    HeraldServer.json(refused.body()).getJsonObject("error").getString("code"));
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null), "Retry-After");
            assertTrue(accepted > 0, "publishes were accepted before the backlog grew");
        }
        // the stalled client is gone: what waited for it leaves the backlog and publishing works again
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int status;
        do {
            Thread.sleep(200);
            status = herald.post("api/publish", "{\"channel\":\"news:backlog\",\"data\":1}")
                    .statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status, "a publish after the stalled client left");
    }
}
