package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.TestIssuer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Device identities over the wire (docs/security.md, "Device identities"): provisioning by an administrator,
 * a device's token as a ticket and as a header on every transport, a device namespace that only its device
 * reads, revocation and rotation closing live connections with 4509, and no device token in the server log.
 */
@ExtendWith(OnServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DeviceIT {

    static final TestIssuer SSO = new TestIssuer();
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Every device token this class was given, to look for in the server's log at the end. */
    static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();

    /** System properties over the WAR's own file: only demo stays open to anonymous clients. */
    static List<String> settings() {
        List<String> settings = new ArrayList<>(List.of(
                "herald.channel.namespaces=demo,news,user,team,ops,display",
                "herald.channel.namespace.demo.anonymous=true",
                "herald.channel.namespace.news.anonymous=false",
                "herald.channel.namespace.user.personal=true",
                "herald.channel.namespace.team.group=true",
                "herald.channel.namespace.ops.subscribe-roles=operators",
                "herald.channel.namespace.display.device=true",
                "herald.publish.anonymous=false",
                "herald.security.device-recheck=PT1S",
                // the randomized check sends a few hundred frames and requests from one address
                "herald.security.rate-limit=6000",
                "herald.security.rate-burst=1000"));
        settings.addAll(SSO.settings());
        return settings;
    }

    final HeraldServer herald;
    final Map<String, String> admin = bearer(SSO.valid("root", "herald-admin"));

    DeviceIT(HeraldServer herald) {
        this.herald = herald;
    }

    @Order(1)
    @Test
    void onlyAnAdministratorProvisionsListsAndRevokesDevices() {
        String body = "{\"id\":\"hall-1\",\"groups\":[\"displays\",\"floor-3\"]}";
        assertError(
                401, "unauthenticated", send(request("api/devices", Map.of()).POST(body(body))));
        assertError(
                403,
                "forbidden",
                send(request("api/devices", bearer(SSO.valid("bob", "displays")))
                        .POST(body(body))));
        assertError(400, "invalid_field", send(request("api/devices", admin).POST(body("{\"id\":\"a/b\"}"))));
        assertError(400, "missing_field", send(request("api/devices", admin).POST(body("{\"groups\":[]}"))));

        HttpResponse<String> created = send(request("api/devices", admin).POST(body(body)));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(null));
        JsonObject device = HeraldServer.json(created.body());
        assertEquals("hall-1", device.getString("id"));
        assertEquals(
                List.of("displays", "floor-3"),
                device.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
        String token = device.getString("token");
        TOKENS.add(token);
        assertTrue(token.matches("hdt_[A-Za-z0-9_-]{43}"), token);

        HttpResponse<String> listed = send(request("api/devices", admin).GET());
        assertEquals(200, listed.statusCode());
        assertTrue(listed.body().contains("\"id\":\"hall-1\""), listed.body());
        assertFalse(listed.body().contains(token), "a listing never shows a token");
        assertError(403, "forbidden", send(request("api/devices", device(token)).GET()));
        assertError(403, "forbidden", send(request("api/devices", device(token)).POST(body("{\"id\":\"mine\"}"))));
        assertError(
                403,
                "forbidden",
                send(request("api/publish", device(token)).POST(body("{\"channel\":\"display:hall-1\",\"data\":1}"))));

        assertEquals(204, send(request("api/devices/hall-1", admin).DELETE()).statusCode());
        assertError(
                404, "unknown_device", send(request("api/devices/hall-1", admin).DELETE()));
    }

    @Order(2)
    @Test
    void aDeviceReadsItsOwnChannelOverATicketAndOverItsHeaderAndNothingPersonal() throws IOException {
        String token = provision("lobby-1", "displays");
        try (WsClient kiosk = WsClient.connect(herald.webSocket(), Map.of(), "herald.ticket." + ticket(device(token)));
                WsClient player = WsClient.connect(herald.webSocket(), device(token))) {
            for (WsClient client : List.of(kiosk, player)) {
                client.next("connected");
                assertEquals("subscribed", subscribe(client, "display:lobby-1"));
                assertEquals("forbidden", subscribe(client, "display:other"));
                assertEquals("forbidden", subscribe(client, "user:alice"));
                assertEquals("forbidden", subscribe(client, "user:lobby-1"));
            }
            kiosk.send("{\"type\":\"subscribe\",\"channel\":\"display:lobby-1\",\"ref\":\"k\"}");
            kiosk.next("subscribed");
            HttpResponse<String> published = send(request("api/publish", bearer(SSO.valid("cms", "herald-publisher")))
                    .POST(body("{\"channel\":\"display:lobby-1\",\"data\":{\"text\":\"welcome\"}}")));
            assertEquals(200, published.statusCode(), published.body());
            assertEquals(
                    "welcome", kiosk.next("publication").getJsonObject("data").getString("text"));
        }
        assertEquals(
                200,
                status(request("api/poll?wait=0&cursor=display:lobby-1", device(token))
                        .GET()));
        assertEquals(
                200,
                status(request("api/poll?wait=0&cursor=display:lobby-1&ticket=" + ticket(device(token)), Map.of())
                        .GET()));
        assertEquals(
                403,
                status(request("api/poll?wait=0&cursor=display:other", device(token))
                        .GET()));
        assertEquals(
                200,
                status(request("api/client", device(token))
                        .POST(body("{\"type\":\"subscribe\",\"channel\":\"display:lobby-1\"}"))));
        try (InputStream stream =
                open(request("api/sse?cursor=display:lobby-1", device(token)).GET())) {
            assertTrue(readsUntil(stream, "\"type\":\"subscribed\""), "the stream's first frame");
        }
        assertEquals(
                401,
                status(request("api/tickets", Map.of("Authorization", "Device hdt_" + "x".repeat(43)))
                        .POST(body(""))));
        assertEquals(401, handshake(Map.of("Authorization", "Device hdt_unknown")));
        assertEquals(
                401,
                status(request("api/poll?wait=0&cursor=display:lobby-1", Map.of("Authorization", "Device " + token))
                        .header("Authorization", "Bearer " + SSO.valid("alice"))
                        .GET()),
                "a device token beside another credential");
    }

    @Order(3)
    @Test
    void aUserIsNeverTheDeviceWhateverItsName() {
        provision("lobby-2");
        for (String subject : List.of("lobby-2", "device:lobby-2")) {
            Map<String, String> user = bearer(SSO.valid(subject, "displays"));
            try (WsClient client = WsClient.connect(herald.webSocket(), user)) {
                client.next("connected");
                assertEquals("forbidden", subscribe(client, "display:lobby-2"), subject);
            }
            assertEquals(
                    403,
                    status(request("api/poll?wait=0&cursor=display:lobby-2", user)
                            .GET()),
                    subject);
        }
    }

    @Order(4)
    @Test
    void revokingClosesTheDevicesConnectionsWith4509AndRefusesItsTokenFromThenOn() throws Exception {
        String token = provision("lobby-3");
        try (WsClient player = WsClient.connect(herald.webSocket(), device(token));
                WsClient kiosk =
                        WsClient.connect(herald.webSocket(), Map.of(), "herald.ticket." + ticket(device(token)));
                WsClient other = WsClient.connect(herald.webSocket(), device(provision("lobby-4")));
                InputStream stream = open(
                        request("api/sse?cursor=display:lobby-3", device(token)).GET())) {
            for (WsClient client : List.of(player, kiosk, other)) {
                client.next("connected");
            }
            assertEquals("subscribed", subscribe(player, "display:lobby-3"));
            CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> readsToTheEnd(stream));

            assertEquals(
                    204, send(request("api/devices/lobby-3", admin).DELETE()).statusCode());
            assertEquals(4509, player.awaitClose(Duration.ofSeconds(10)));
            assertEquals(4509, kiosk.awaitClose(Duration.ofSeconds(10)));
            assertTrue(ended.get(10, TimeUnit.SECONDS), "the device's event stream ended");
            other.send("{\"type\":\"ping\",\"ref\":1}");
            other.next("pong");
            assertTrue(other.isOpen(), "another device keeps its connection");
        }
        assertError(
                401,
                "unauthenticated",
                send(request("api/tickets", device(token)).POST(body(""))));
        assertEquals(401, handshake(device(token)));
        assertEquals(
                401,
                status(request("api/poll?wait=0&cursor=display:lobby-3", device(token))
                        .GET()));
    }

    @Order(5)
    @Test
    void provisioningAgainRotatesTheTokenAndEndsTheOldTokensConnections() {
        String old = provision("lobby-5");
        try (WsClient before = WsClient.connect(herald.webSocket(), device(old))) {
            before.next("connected");
            String fresh = provision("lobby-5");
            assertNotEquals(old, fresh);
            assertEquals(4509, before.awaitClose(Duration.ofSeconds(10)));
            assertEquals(401, status(request("api/tickets", device(old)).POST(body(""))));
            try (WsClient after = WsClient.connect(herald.webSocket(), device(fresh))) {
                after.next("connected");
                assertEquals("subscribed", subscribe(after, "display:lobby-5"));
            }
        }
    }

    @Order(6)
    @Test
    void devicesAreCountedInTheMetrics() {
        String metrics = herald.metrics();
        if (metrics == null) { // WildFly: no MicroProfile Metrics (docs/deploy.md)
            return;
        }
        for (String series : List.of(
                "herald_security_devices_total\\{[^}]*event=\"provisioned\"",
                "herald_security_devices_total\\{[^}]*event=\"rotated\"",
                "herald_security_devices_total\\{[^}]*event=\"revoked\"",
                "herald_security_violations_total\\{[^}]*kind=\"device_token\"",
                "herald_disconnections_total\\{[^}]*reason=\"revoked\"")) {
            assertTrue(metrics.matches("(?s).*" + series + "[^}]*} [1-9].*"), series + " in " + metrics);
        }
    }

    @Order(7)
    @Test
    void randomIdentitiesAndChannelsGetTheDocumentedDecisionOnEveryTransport() {
        new PolicyOverTheWire(this).check(100);
    }

    @Order(99)
    @Test
    void noDeviceTokenAppearsInTheServerLog() throws IOException {
        String log = Files.readString(herald.process().log(), StandardCharsets.ISO_8859_1);
        assertTrue(log.length() > 1000, "the log holds the server's output");
        assertFalse(TOKENS.isEmpty());
        for (String token : TOKENS) {
            assertFalse(log.contains(token.substring(4)), "a device token in the server log");
        }
    }

    // ---- helpers, also used by PolicyOverTheWire ----

    /** Provisions {@code id} (again) and returns its new token. */
    String provision(String id, String... groups) {
        String list = String.join(
                ",", java.util.Arrays.stream(groups).map(g -> "\"" + g + "\"").toList());
        HttpResponse<String> created =
                send(request("api/devices", admin).POST(body("{\"id\":\"" + id + "\",\"groups\":[" + list + "]}")));
        assertEquals(201, created.statusCode(), created.body());
        String token = HeraldServer.json(created.body()).getString("token");
        TOKENS.add(token);
        return token;
    }

    String ticket(Map<String, String> auth) {
        HttpResponse<String> response = send(request("api/tickets", auth).POST(body("")));
        assertEquals(200, response.statusCode(), response.body());
        return HeraldServer.json(response.body()).getString("ticket");
    }

    /** "subscribed" or the error code of a subscribe on {@code client}; a subscription is undone again. */
    static String subscribe(WsClient client, String channel) {
        String ref = "s-" + System.nanoTime();
        client.send("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\",\"ref\":\"" + ref + "\"}");
        JsonObject reply = client.next(f -> ref.equals(f.getString("ref", "")), Duration.ofSeconds(10));
        if (reply.getString("type").equals("error")) {
            return reply.getString("code");
        }
        String undo = "u-" + ref;
        client.send("{\"type\":\"unsubscribe\",\"channel\":\"" + channel + "\",\"ref\":\"" + undo + "\"}");
        client.next(f -> undo.equals(f.getString("ref", "")), Duration.ofSeconds(10));
        return reply.getString("type");
    }

    int handshake(Map<String, String> headers, String... protocols) {
        try (WsClient client = WsClient.connect(herald.webSocket(), headers, protocols)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    HttpRequest.Builder request(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(herald.base().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return request;
    }

    static Map<String, String> bearer(String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    static Map<String, String> device(String token) {
        return Map.of("Authorization", "Device " + token);
    }

    static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    static void assertError(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                code, HeraldServer.json(response.body()).getJsonObject("error").getString("code"));
    }

    /** The status; the body is not read (an event stream never ends by itself). */
    static int status(HttpRequest.Builder request) {
        HttpResponse<InputStream> response = stream(request);
        try (InputStream ignored = response.body()) {
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event stream that must have been accepted (200). */
    static InputStream open(HttpRequest.Builder request) throws IOException {
        HttpResponse<InputStream> response = stream(request);
        if (response.statusCode() != 200) {
            throw new AssertionError("answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** Reads until {@code text} has come (true) or the stream ended first (false). */
    private static boolean readsUntil(InputStream stream, String text) throws IOException {
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[1024];
        for (int n = stream.read(buffer); n >= 0; n = stream.read(buffer)) {
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (read.indexOf(text) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Reads until the server ends the stream: true at its end, false when reading failed. */
    private static boolean readsToTheEnd(InputStream stream) {
        try {
            while (stream.read() >= 0) {
                // the padding, the subscribed frame, heartbeats
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<InputStream> stream(HttpRequest.Builder request) {
        return Http.stream(HTTP, request);
    }
}
