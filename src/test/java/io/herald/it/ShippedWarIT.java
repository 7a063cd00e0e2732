package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR exactly as the build produced it, deployed with no setting at all, as an operator who copies
 * {@code herald.war} onto a server gets it: closed. Nothing is open to anonymous clients — no publish, no
 * subscribe on any transport — until the operator opens it (the README's run command opens a demo).
 */
@ExtendWith(OnServer.class)
class ShippedWarIT {

    final HeraldServer herald;

    ShippedWarIT(HeraldServer herald) {
        this.herald = herald;
    }

    static List<String> settings() {
        return List.of();
    }

    static boolean asBuilt() {
        return true;
    }

    @Test
    void anonymousPublishIsRefused() {
        HttpResponse<String> answer = herald.post("api/publish", "{\"channel\":\"news:a\",\"data\":1}");
        assertEquals(401, answer.statusCode());
        assertEquals(
                "unauthenticated",
                HeraldServer.json(answer.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void anonymousSubscribeIsRefusedOverWebSocket() {
        try (WsClient client = herald.connect()) {
            for (String channel : List.of("demo:lobby", "news:a", "alerts:ops")) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"ref\":1}");
                JsonObject error = client.next("error");
                assertEquals("unauthenticated", error.getString("code"), channel);
            }
        }
    }

    @Test
    void anonymousSubscribeIsRefusedOverHttp() {
        for (String path : List.of("api/poll?cursor=news:a&wait=0", "api/sse?cursor=news:a")) {
            HttpResponse<String> answer = herald.get(path);
            assertEquals(401, answer.statusCode(), path);
            assertEquals(
                    "unauthenticated",
                    HeraldServer.json(answer.body()).getJsonObject("error").getString("code"));
        }
        HttpResponse<String> frame = herald.post("api/client", "{\"type\":\"subscribe\",\"channel\":\"demo:lobby\"}");
        assertEquals(401, frame.statusCode());
    }
}
