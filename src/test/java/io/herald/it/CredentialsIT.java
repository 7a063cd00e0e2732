package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.it.support.TestIssuer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the credential header is read, over the wire on every transport (docs/security.md): a token the
 * issuer signed but whose claims Herald reads have the wrong JSON type is refused with 401
 * {@code unauthenticated} like any bad token, and the auth schemes ({@code Bearer}, {@code Device}) are
 * case-insensitive (RFC 9110 §11.1).
 * Runs on SecurityIT's deployment (the same settings: one server for both in a run).
 */
@ExtendWith(OnServer.class)
class CredentialsIT {

    static final TestIssuer SSO = SecurityIT.SSO;
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static List<String> settings() {
        return SecurityIT.settings();
    }

    final HeraldServer herald;
    final URI base;

    CredentialsIT(HeraldServer herald) {
        this.herald = herald;
        this.base = herald.base();
    }

    static Stream<Arguments> misshapenClaims() {
        return Stream.of(
                Arguments.of("sub an object", SSO.altered("x", c -> c.claim("sub", Map.of("id", "mallory")))),
                Arguments.of("sub a number", SSO.altered("x", c -> c.claim("sub", 42))),
                Arguments.of("upn an object", SSO.altered("mallory", c -> c.claim("upn", Map.of("id", "mallory")))),
                Arguments.of(
                        "preferred_username an array",
                        SSO.altered(
                                "mallory", c -> c.claim("upn", null).claim("preferred_username", List.of("mallory")))),
                Arguments.of("groups a string", SSO.altered("mallory", c -> c.claim("groups", "red"))),
                Arguments.of("groups an object", SSO.altered("mallory", c -> c.claim("groups", Map.of("a", "red")))),
                Arguments.of("groups with a number", SSO.altered("mallory", c -> c.claim("groups", List.of("red", 7)))),
                Arguments.of(
                        "exp a string",
                        SSO.altered(
                                "mallory",
                                c -> c.claim("exp", Long.toString(System.currentTimeMillis() / 1000 + 300)))),
                Arguments.of(
                        "nbf a string",
                        SSO.altered(
                                "mallory",
                                c -> c.claim("nbf", Long.toString(System.currentTimeMillis() / 1000 + 600)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misshapenClaims")
    void aSignedTokenWithMisshapenClaimsIsRefusedOnEveryTransport(String kind, String token) {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        List<HttpRequest.Builder> requests = List.of(
                request("api/publish", auth).POST(body("{\"channel\":\"news:a\",\"data\":1}")),
                request("api/poll?wait=0&cursor=news:a", auth).GET(),
                request("api/sse?cursor=news:a", auth).GET(),
                request("api/tickets", auth).POST(body("")),
                request("api/client", auth).POST(body("{\"type\":\"ping\"}")));
        for (HttpRequest.Builder request : requests) {
            Reply refused = send(request);
            assertEquals(401, refused.statusCode(), kind + ": " + refused.body());
            assertEquals(
                    "unauthenticated",
                    HeraldServer.json(refused.body()).getJsonObject("error").getString("code"),
                    kind);
        }
        assertEquals(401, handshake(auth), kind + ": the WebSocket handshake");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "BEARER", "bEaReR"})
    void theBearerSchemeIsCaseInsensitiveOnEveryTransport(String scheme) throws IOException {
        Map<String, String> alice = Map.of("Authorization", scheme + " " + SSO.valid("alice"));
        Map<String, String> publisher =
                Map.of("Authorization", scheme + " " + SSO.valid("billing", "herald-publisher"));
        try (WsClient client = WsClient.connect(herald.webSocket(), alice)) {
            client.next("connected");
            client.send("{\"type\":\"subscribe\",\"channel\":\"user:alice\",\"ref\":1}");
            client.next("subscribed");
            Reply published = send(request("api/publish", publisher)
                    .POST(body("{\"channel\":\"user:alice\",\"data\":\"" + scheme + "\"}")));
            assertEquals(200, published.statusCode(), published.body());
            assertEquals(scheme, client.next("publication").getString("data"));
        }
        Reply polled = send(request("api/poll?wait=0&cursor=user:alice", alice).GET());
        assertEquals(200, polled.statusCode(), polled.body());
        Reply ticket = send(request("api/tickets", alice).POST(body("")));
        assertEquals(200, ticket.statusCode(), ticket.body());
        Reply posted =
                send(request("api/client", alice).POST(body("{\"type\":\"subscribe\",\"channel\":\"user:alice\"}")));
        assertEquals(200, posted.statusCode(), posted.body());
        HttpResponse<InputStream> stream =
                stream(request("api/sse?cursor=user:alice", alice).GET());
        try (InputStream body = stream.body()) {
            assertEquals(200, stream.statusCode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"device", "DEVICE", "Device"})
    void theDeviceSchemeIsCaseInsensitiveToo(String scheme) {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + SSO.valid("root", "herald-admin"));
        Reply created = send(
                request("api/devices", admin).POST(body("{\"id\":\"hall-" + scheme + "\",\"groups\":[\"displays\"]}")));
        assertEquals(201, created.statusCode(), created.body());
        Map<String, String> device = Map.of(
                "Authorization",
                scheme + " " + HeraldServer.json(created.body()).getString("token"));
        Reply polled = send(request("api/poll?wait=0&cursor=news:a", device).GET());
        assertEquals(200, polled.statusCode(), polled.body());
        try (WsClient client = WsClient.connect(herald.webSocket(), device)) {
            client.next("connected");
            client.send("{\"type\":\"subscribe\",\"channel\":\"news:a\",\"ref\":1}");
            client.next("subscribed");
        }
    }

    // ---- helpers ----

    private int handshake(Map<String, String> headers) {
        try (WsClient client = WsClient.connect(herald.webSocket(), headers)) {
            JsonObject first = client.next(f -> true, Duration.ofSeconds(5));
            return "connected".equals(first.getString("type")) ? 101 : -1;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return request;
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    /** The status and the body as text; an event stream's body is not read (it never ends). */
    private static Reply send(HttpRequest.Builder request) {
        HttpResponse<InputStream> response = stream(request);
        try (InputStream body = response.body()) {
            boolean events =
                    response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            return new Reply(
                    response.statusCode(), events ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<InputStream> stream(HttpRequest.Builder request) {
        return Http.stream(HTTP, request);
    }

    private record Reply(int statusCode, String body) {}
}
