package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal a Herald route can produce carries the JSON error body of docs/protocol.md §12, also those the
 * container or JAX-RS answer by themselves: a token that does not verify, a path, method or media type Herald
 * does not serve, a credential header of tens of kilobytes. Over raw HTTP on each server (OnServer).
 */
@ExtendWith(OnServer.class)
class ErrorBodiesIT {

    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final String JSON = "application/json";

    static List<String> settings() {
        return EdgeServer.settings();
    }

    final HeraldServer herald;

    ErrorBodiesIT(HeraldServer herald) {
        this.herald = herald;
    }

    static Stream<Arguments> refusedTokens() {
        return Stream.of(
                Arguments.of("not a JWT", "abc.def.ghi"),
                Arguments.of("alg none", EdgeServer.SSO.unsigned("mallory")),
                Arguments.of("bad signature", EdgeServer.SSO.signedByStranger("mallory")),
                Arguments.of(
                        "expired",
                        EdgeServer.SSO.altered(
                                "mallory",
                                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120))))),
                Arguments.of("wrong issuer", EdgeServer.SSO.altered("mallory", c -> c.issuer("https://evil.test"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aTokenThatIsRefusedGetsTheJsonBodyOnEveryRoute(String kind, String token) {
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        assertRefused(
                401,
                "unauthenticated",
                post("api/publish", bearer, "{\"channel\":\"news:a\",\"data\":1}"),
                kind + ", publish");
        assertRefused(401, "unauthenticated", get("api/poll?wait=0&cursor=news:a", bearer), kind + ", poll");
        assertRefused(401, "unauthenticated", get("api/sse?cursor=news:a", bearer), kind + ", sse");
        assertRefused(401, "unauthenticated", post("api/tickets", bearer, ""), kind + ", tickets");
        assertRefused(401, "unauthenticated", post("api/client", bearer, "{\"type\":\"ping\"}"), kind + ", client");
        // Payara sends the refusal of an upgrade without Content-Type (and ends it with the connection); the body is
        // ours
        RawHttp.Answer handshake = upgrade(bearer);
        assertEquals(401, handshake.status(), () -> kind + ", WebSocket handshake: " + handshake);
        assertEquals("unauthenticated", handshake.errorCode(), () -> kind + ", WebSocket handshake: " + handshake);
    }

    @Test
    void anAuthorizationHeaderOfTensOfKilobytesIsAnsweredByHerald() {
        for (int size : List.of(10_000, 200_000)) {
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + "a".repeat(size));
            assertRefused(401, "unauthenticated", get("api/poll?wait=0&cursor=news:a", bearer), size + " bytes");
            assertRefused(
                    401,
                    "unauthenticated",
                    post("api/publish", bearer, "{\"channel\":\"news:a\",\"data\":1}"),
                    size + " bytes");
        }
    }

    @Test
    void pathsMethodsAndMediaTypesHeraldDoesNotServeGetTheJsonBody() {
        assertRefused(404, "not_found", get("api/nothing", Map.of()), "an unknown path");
        RawHttp.Answer delete = send("DELETE", "api/publish", Map.of(), "");
        assertRefused(405, "method_not_allowed", delete, "a method not served");
        assertTrue(delete.headers().getOrDefault("allow", "").contains("POST"), delete.headers()::toString);
        assertRefused(
                415,
                "unsupported_media_type",
                send("POST", "api/publish", Map.of("Content-Type", "text/plain"), "{}"),
                "a wrong Content-Type");
        assertRefused(
                406,
                "not_acceptable",
                get("api/sse?cursor=news:a", Map.of("Accept", "application/xml")),
                "an Accept Herald cannot answer");
    }

    private static void assertRefused(int status, String code, RawHttp.Answer answer, String what) {
        assertEquals(status, answer.status(), () -> what + ": " + answer);
        assertTrue(answer.isJson(), () -> what + ": not JSON: " + answer);
        assertEquals(code, answer.errorCode(), () -> what + ": " + answer);
    }

    private RawHttp.Answer get(String path, Map<String, String> headers) {
        return send("GET", path, headers, "");
    }

    private RawHttp.Answer post(String path, Map<String, String> headers, String body) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", JSON);
        return send("POST", path, all, body);
    }

    private RawHttp.Answer upgrade(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(Map.of(
                "Upgrade",
                "websocket",
                "Connection",
                "Upgrade",
                "Sec-WebSocket-Version",
                "13",
                "Sec-WebSocket-Key",
                "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Protocol",
                "herald.v1"));
        try (RawHttp http = new RawHttp(herald, "127.0.0.1")) {
            return http.request("GET", herald.base().getPath() + "ws", all, "").answer(ANSWER);
        }
    }

    private RawHttp.Answer send(String method, String path, Map<String, String> headers, String body) {
        Map<String, String> all = new HashMap<>(headers);
        if (!body.isEmpty() || method.equals("POST")) {
            all.put("Content-Length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        }
        all.put("Connection", "close");
        try (RawHttp http = new RawHttp(herald, "127.0.0.1")) {
            RawHttp.Answer answer = http.request(method, herald.base().getPath() + path, all, body)
                    .answer(ANSWER);
            if (answer == null) {
                throw new AssertionError(method + " " + path + ": the server closed the connection without an answer");
            }
            return answer;
        }
    }
}
