package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import io.herald.it.support.TestKeystore;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * https:// and wss:// on each server, configured as server-config/ tells operators to (a PKCS12 keystore
 * handed to the server), with a client that trusts only that certificate.
 */
@ExtendWith(OnServer.class)
class TlsIT {

    final HeraldServer herald;
    final URI secure;
    final HttpClient https;

    TlsIT(HeraldServer herald) {
        this.herald = herald;
        this.secure = herald.process().secureBase();
        this.https = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestKeystore.get().clientContext())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void theClientScriptAndThePublishApiAnswerOverHttps() throws Exception {
        HttpResponse<String> script = https.send(
                HttpRequest.newBuilder(secure.resolve("herald.js")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("Herald"), "the client script");
        HttpResponse<String> published = publish("news:https", 1);
        assertEquals(200, published.statusCode(), published.body());
        assertEquals("news:https", HeraldServer.json(published.body()).getString("channel"));
    }

    /**
     * Payara Micro 6.2025.10 keeps every HTTP/2 stream of a connection on its heap while the connection
     * lives (docs/deploy.md), so server-config/payara/post-boot.asadmin turns HTTP/2 off on its TLS
     * listener: a client that offers HTTP/2 gets HTTP/1.1, and a publisher's or long-polling browser's
     * requests cost nothing once answered.
     */
    @Test
    void aClientOfferingHttp2OverTlsPublishesAndOnPayaraIsAnsweredWithHttp11() throws Exception {
        HttpClient offering = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(TestKeystore.get().clientContext())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<String> published = offering.send(
                HttpRequest.newBuilder(secure.resolve("api/publish"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"news:h2\",\"data\":1}"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, published.statusCode(), published.body());
        if (ServerProcess.kind().equals("payara")) { // the other servers keep HTTP/2: either version is right there
            assertEquals(HttpClient.Version.HTTP_1_1, published.version());
        }
    }

    @Test
    void aSecureWebSocketSubscribesAndReceives() throws Exception {
        URI wss = URI.create("wss://" + secure.getAuthority() + secure.getPath() + "ws");
        try (WsClient client = WsClient.connect(wss, TestKeystore.get().clientContext())) {
            assertEquals("herald.v1", client.subprotocol());
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:wss\"}");
            client.next("subscribed");
            assertEquals(200, publish("news:wss", 7).statusCode());
            JsonObject publication = client.next("publication");
            assertEquals(7, publication.getInt("data"));
        }
    }

    private HttpResponse<String> publish(String channel, int data) throws Exception {
        return https.send(
                HttpRequest.newBuilder(secure.resolve("api/publish"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"channel\":\"" + channel + "\",\"data\":" + data + "}"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
