package io.herald.it;

import io.herald.it.support.ServerProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The Herald under test, on loopback: its application base URL and, when the test started it, its server. */
public final class HeraldServer {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;
    private final ServerProcess process;

    /** A server whose application lives at {@code base} (ending in '/'). */
    public HeraldServer(URI base) {
        this.base = base;
        this.process = null;
    }

    public HeraldServer(ServerProcess process) {
        this.base = process.base();
        this.process = process;
    }

    public URI base() {
        return base;
    }

    /** The server process behind this Herald: its kind, log, health and metrics URLs. */
    public ServerProcess process() {
        if (process == null) {
            throw new IllegalStateException("this test did not start " + base);
        }
        return process;
    }

    /** MicroProfile Health's readiness answer (on WildFly's management port, elsewhere at the server root). */
    public HttpResponse<String> ready() {
        return send(HttpRequest.newBuilder(process().health()).GET());
    }

    /** The application-scope metrics text, or {@code null} where the server has no MicroProfile Metrics (WildFly). */
    public String metrics() {
        URI metrics = process().metrics();
        return metrics == null
                ? null
                : send(HttpRequest.newBuilder(metrics).GET()).body();
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
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    /** A GET that is still waiting while the test goes on (a long-poll). */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
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
