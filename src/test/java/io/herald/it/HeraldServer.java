package io.herald.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The Herald under test, addressed on loopback at the port Arquillian chose. */
public final class HeraldServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final URI root;

    /** A server whose application lives at {@code base} (ending in '/'), e.g. a node started by the test. */
    public HeraldServer(URI base) {
        this.base = base;
        this.root = base.resolve("/");
    }

    public HeraldServer(URL deployed) {
        this.root = URI.create("http://127.0.0.1:" + deployed.getPort() + "/");
        this.base = root.resolve(deployed.getPath().endsWith("/") ? deployed.getPath() : deployed.getPath() + "/");
    }

    public URI webSocket() {
        return URI.create("ws://127.0.0.1:" + base.getPort() + base.getPath() + "ws");
    }

    public WsClient connect() {
        return WsClient.connect(webSocket());
    }

    /** Publishes through the REST API and returns the answer; fails unless the status is 200. */
    public JsonObject publish(String channel, String event, String dataJson) {
        String body = "{\"channel\":\"" + channel + "\",\"event\":\"" + event + "\",\"data\":" + dataJson + "}";
        HttpResponse<String> response = post("api/publish", body);
        if (response.statusCode() != 200) {
            throw new AssertionError("publish answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** A path at the server root rather than under the application (health, metrics on Payara). */
    public HttpResponse<String> getAtRoot(String path) {
        return send(HttpRequest.newBuilder(root.resolve(path)).GET());
    }

    public static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A GET that is still waiting while the test goes on (a long-poll). */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return HTTP.sendAsync(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any request, over HTTP/1.1 as browsers use for plain http, answered as text. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
