package io.herald.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One request on a test class's own client, its checked failures turned into unchecked ones. */
final class Http {

    private Http() {}

    /** The answer with its body as a stream (an event stream's body never ends: read what you need). */
    static HttpResponse<InputStream> stream(HttpClient client, HttpRequest.Builder request) {
        return send(client, request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The answer with its body as text. */
    static HttpResponse<String> text(HttpClient client, HttpRequest.Builder request) {
        return send(client, request, HttpResponse.BodyHandlers.ofString());
    }

    private static <T> HttpResponse<T> send(
            HttpClient client, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
