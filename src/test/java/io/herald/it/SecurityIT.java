package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.herald.it.support.TestIssuer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identity and authorization over the wire (docs/security.md): MicroProfile JWT with a key made for this
 * run, on the WebSocket handshake, the publish API, poll and SSE; tickets; personal and group channels;
 * expiry and refresh of a live connection; browser origins; and no token text in the server's log.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    static final TestIssuer SSO = new TestIssuer();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.herald("""
                herald.channel.namespaces=demo,news,user,team,ops
                herald.channel.namespace.demo.anonymous=true
                herald.channel.namespace.demo.client-publish=true
                herald.channel.namespace.user.personal=true
                herald.channel.namespace.team.group=true
                herald.channel.namespace.ops.subscribe-roles=operators
                herald.connection.heartbeat-interval=PT1S
                herald.connection.idle-timeout=PT5S
                herald.security.clock-skew=PT0S
                herald.security.ticket-ttl=PT2S
                """ + SSO.settings());
    }

    @ArquillianResource
    URL deployed;

    HeraldServer herald;
    URI base;

    @BeforeEach
    void locate() {
        herald = new HeraldServer(deployed);
        base = herald.webSocket().resolve("./");
        base = URI.create("http" + base.toString().substring(2));
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(
                Arguments.of("no token", null),
                Arguments.of("alg none", SSO.unsigned("mallory")),
                Arguments.of("HMAC with the public key", SSO.hmacWithPublicKey("mallory")),
                Arguments.of("bad signature", SSO.signedByStranger("mallory")),
                Arguments.of("expired", SSO.altered("mallory", c -> c.expirationTime(ago(120)))),
                Arguments.of("not yet valid", SSO.altered("mallory", c -> c.notBeforeTime(ahead(600)))),
                Arguments.of("wrong issuer", SSO.altered("mallory", c -> c.issuer("https://evil.test"))),
                Arguments.of("wrong audience", SSO.altered("mallory", c -> c.audience("someone-else"))));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aBadOrMissingTokenIsRefusedOnEveryTransport(String kind, String token) {
        Map<String, String> auth = bearer(token);
        assertEquals(401, status(request("api/publish", auth).POST(body("{\"channel\":\"news:a\",\"data\":1}"))), kind);
        assertEquals(401, status(request("api/poll?wait=0&cursor=news:a", auth).GET()), kind);
        assertEquals(401, status(request("api/sse?cursor=news:a", auth).GET()), kind);
        assertEquals(401, status(request("api/tickets", auth).POST(body(""))), kind);
        if (token == null) {
            try (WsClient client = WsClient.connect(herald.webSocket(), auth)) {
                client.next("connected");
                client.send("{\"type\":\"subscribe\",\"channel\":\"news:a\",\"ref\":1}");
                assertEquals("unauthenticated", client.next("error").getString("code"));
                assertTrue(client.isOpen(), "a refusal does not close the connection");
            }
        } else {
            assertEquals(401, handshake(auth), kind);
        }
    }

    @Order(2)
    @Test
    void aValidTokenIsAcceptedOnEveryTransport() throws IOException {
        Map<String, String> reader = bearer(SSO.valid("alice"));
        Map<String, String> publisher = bearer(SSO.valid("billing", "herald-publisher"));
        try (WsClient client = WsClient.connect(herald.webSocket(), reader)) {
            client.next("connected");
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:valid\",\"ref\":1}");
            client.next("subscribed");
            assertEquals(403, status(request("api/publish", reader).POST(body("{\"channel\":\"news:valid\",\"data\":1}"))),
                    "a token without the publisher role");
            assertEquals(200, status(request("api/publish", publisher).POST(body("{\"channel\":\"news:valid\",\"data\":1}"))));
            assertEquals(1, client.next("publication").getInt("data"));
        }
        assertEquals(200, status(request("api/poll?wait=0&cursor=news:valid", reader).GET()));
        try (InputStream stream = open(request("api/sse?cursor=news:valid", reader).GET(), 200)) {
            assertTrue(stream.read() >= 0);
        }
    }

    @Order(3)
    @Test
    void aTokenInTheQueryStringIsNotACredential() {
        String token = SSO.valid("alice");
        assertEquals(401, status(request("api/poll?wait=0&cursor=news:a&access_token=" + token, Map.of()).GET()));
        assertEquals(401, status(request("api/poll?wait=0&cursor=news:a&ticket=" + token, Map.of()).GET()));
        assertEquals(401, status(request("api/sse?cursor=news:a&ticket=" + token, Map.of()).GET()));
    }

    @Order(4)
    @Test
    void aTicketOpensOneConnectionOnceAndExpires() throws Exception {
        Map<String, String> alice = bearer(SSO.valid("alice"));
        String ticket = ticket(alice);
        try (WsClient client = WsClient.connect(herald.webSocket(), Map.of(), "herald.ticket." + ticket)) {
            client.next("connected");
            assertEquals("herald.v1", client.subprotocol());
            client.send("{\"type\":\"subscribe\",\"channel\":\"user:alice\",\"ref\":1}");
            client.next("subscribed");
        }
        assertEquals(401, handshake(Map.of(), "herald.ticket." + ticket), "a used ticket");
        try (WsClient anonymous = WsClient.connect(herald.webSocket(), Map.of())) {
            anonymous.next("connected");
            anonymous.send("{\"type\":\"subscribe\",\"channel\":\"user:alice\",\"ref\":1}");
            assertEquals("unauthenticated", anonymous.next("error").getString("code"),
                    "the ticket's identity does not carry over to the next connection");
        }
        String polled = ticket(alice);
        assertEquals(200, status(request("api/poll?wait=0&cursor=user:alice&ticket=" + polled, Map.of()).GET()));
        assertEquals(401, status(request("api/poll?wait=0&cursor=user:alice&ticket=" + polled, Map.of()).GET()));
        String streamed = ticket(alice);
        try (InputStream stream = open(request("api/sse?cursor=user:alice&ticket=" + streamed, Map.of()).GET(), 200)) {
            assertTrue(stream.read() >= 0);
        }
        String late = ticket(alice);
        Thread.sleep(2500);
        assertEquals(401, status(request("api/poll?wait=0&cursor=user:alice&ticket=" + late, Map.of()).GET()),
                "an expired ticket");
        assertEquals(401, handshake(Map.of(), "herald.ticket." + ticket(bearer(SSO.valid("alice"))) + "x"));
    }

    @Order(5)
    @Test
    void personalGroupAndRoleChannelsRefuseOutsiders() {
        Map<String, String> alice = bearer(SSO.valid("alice", "red"));
        try (WsClient client = WsClient.connect(herald.webSocket(), alice)) {
            client.next("connected");
            for (String[] expected : new String[][] {{"user:alice", "subscribed"}, {"user:bob", "forbidden"},
                    {"team:red", "subscribed"}, {"team:blue", "forbidden"}, {"ops:pager", "forbidden"}}) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"" + expected[0] + "\",\"ref\":\"" + expected[0] + "\"}");
                JsonObject reply = client.next(f -> expected[0].equals(f.getString("ref", "")), Duration.ofSeconds(10));
                assertEquals(expected[1], reply.getString("type").equals("error") ? reply.getString("code")
                        : reply.getString("type"), expected[0]);
            }
            client.send("{\"type\":\"publish\",\"channel\":\"demo:x\",\"data\":1,\"ref\":\"p\"}");
            assertEquals("published", client.next("published").getString("type"), "the connection stayed open");
        }
        assertEquals(403, status(request("api/poll?wait=0&cursor=user:bob", alice).GET()));
        assertEquals(403, status(request("api/sse?cursor=team:blue", alice).GET()));
        assertEquals(403, status(request("api/client", alice).POST(body("{\"type\":\"subscribe\",\"channel\":\"user:bob\"}"))));
        assertEquals(200, status(request("api/client", alice).POST(body("{\"type\":\"subscribe\",\"channel\":\"team:red\"}"))));
        assertEquals(200, status(request("api/poll?wait=0&cursor=ops:pager", bearer(SSO.valid("carol", "operators"))).GET()));
    }

    @Order(6)
    @Test
    void anExpiringTokenClosesTheConnectionUnlessRefreshed() {
        Map<String, String> shortLived = bearer(SSO.valid("dave", Duration.ofSeconds(3)));
        try (WsClient expiring = WsClient.connect(herald.webSocket(), shortLived);
                WsClient refreshed = WsClient.connect(herald.webSocket(), bearer(SSO.valid("erin", Duration.ofSeconds(3))))) {
            expiring.next("connected");
            refreshed.next("connected");
            refreshed.send("{\"type\":\"refresh\",\"ticket\":\"" + ticket(bearer(SSO.valid("mallory"))) + "\",\"ref\":1}");
            assertEquals("forbidden", refreshed.next("error").getString("code"), "another subject's ticket");
            refreshed.send("{\"type\":\"refresh\",\"ticket\":\"" + ticket(bearer(SSO.valid("erin"))) + "\",\"ref\":2}");
            assertTrue(refreshed.next("refreshed").getJsonNumber("expires").longValue() > System.currentTimeMillis() + 60_000);
            assertEquals(4007, expiring.awaitClose(Duration.ofSeconds(10)));
            refreshed.send("{\"type\":\"ping\",\"ref\":3}");
            refreshed.next("pong");
            assertTrue(refreshed.isOpen(), "the refreshed connection outlived its first token");
        }
    }

    @Order(7)
    @Test
    void pagesFromOtherOriginsAreRefused() {
        String same = "http://127.0.0.1:" + base.getPort();
        assertEquals(403, handshake(Map.of("Origin", "http://evil.example")));
        assertEquals(403, handshake(Map.of("Origin", same + ".evil.example")));
        try (WsClient client = WsClient.connect(herald.webSocket(), Map.of("Origin", same))) {
            client.next("connected");
        }
        String frame = "{\"type\":\"ping\"}";
        assertEquals(403, status(request("api/client", Map.of("Origin", "http://evil.example")).POST(body(frame))));
        HttpResponse<String> allowed = send(request("api/client", Map.of("Origin", same)).POST(body(frame)));
        assertEquals(200, allowed.statusCode());
        assertEquals(same, allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Order(8)
    @Test
    void noTokenAppearsInTheServerLog() throws IOException {
        Path log = Path.of("target/failsafe-reports/io.herald.it.SecurityIT-output.txt");
        assertTrue(Files.isRegularFile(log), "the server log is written to " + log);
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertTrue(text.length() > 1000, "the log holds the server's output");
        for (String token : SSO.issued()) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            String claims = token.split("\\.")[1];
            assertFalse(text.contains(claims), "token claims in the log");
            assertFalse(!signature.isEmpty() && text.contains(signature), "a token signature in the log");
        }
    }

    // ---- helpers ----

    private String ticket(Map<String, String> auth) {
        HttpResponse<String> response = send(request("api/tickets", auth).POST(body("")));
        assertEquals(200, response.statusCode(), response.body());
        return HeraldServer.json(response.body()).getString("ticket");
    }

    private int handshake(Map<String, String> headers, String... protocols) {
        try (WsClient client = WsClient.connect(herald.webSocket(), headers, protocols)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return request;
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    /** The status; the body is not read (an event stream never ends). */
    private static int status(HttpRequest.Builder request) {
        HttpResponse<InputStream> response = stream(request);
        try (InputStream ignored = response.body()) {
            return response.statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InputStream open(HttpRequest.Builder request, int expected) throws IOException {
        HttpResponse<InputStream> response = stream(request);
        if (response.statusCode() != expected) {
            fail("answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static HttpResponse<InputStream> stream(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> bearer(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        return headers;
    }

    private static Date ago(int seconds) {
        return new Date(System.currentTimeMillis() - seconds * 1000L);
    }

    private static Date ahead(int seconds) {
        return new Date(System.currentTimeMillis() + seconds * 1000L);
    }

}
