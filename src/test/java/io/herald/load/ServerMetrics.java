package io.herald.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Readings from the MicroProfile Metrics a server serves at its root ({@code /metrics}, Prometheus
 * text): Herald's own counters and the JVM's heap, without attaching to the process.
 */
final class ServerMetrics {

    /** HTTP/1.1 for the reason given in {@link PublishLoop}. */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final URI root;

    ServerMetrics(URI url) {
        this.root = url.resolve("/metrics");
    }

    /** Connections the server closed as slow consumers (4003) so far; NaN when not readable. */
    double slowConsumerCloses() {
        return value("application", "herald_disconnections_total", "reason=\"slow_consumer\"");
    }

    /** The JVM's used heap in bytes now; NaN when not readable. */
    double usedHeap() {
        return value("base", "memory_usedHeap_bytes", "");
    }

    double committedHeap() {
        return value("base", "memory_committedHeap_bytes", "");
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}; 0 when none, NaN when unreadable. */
    private double value(String scope, String name, String label) {
        String text;
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(root + "?scope=" + scope))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Double.NaN;
            }
            text = response.body();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        double total = 0;
        for (String line : text.split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
