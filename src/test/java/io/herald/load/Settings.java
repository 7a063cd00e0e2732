package io.herald.load;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** The load run's settings, from {@code -Dload.*} system properties (docs/performance.md lists them). */
record Settings(
        URI url,
        String scenario,
        int subscribers,
        long rate,
        int seconds,
        long pid,
        int payload,
        int concurrency,
        int publishers,
        double threshold,
        List<Long> steps,
        int warmup,
        URI url2,
        long pid2) {

    static Settings fromSystem() {
        String url = System.getProperty("load.url", "http://127.0.0.1:8080/");
        String url2 = System.getProperty("load.url2");
        return new Settings(
                base(url),
                System.getProperty("load.scenario", "fanout"),
                Integer.getInteger("load.subscribers", 1000),
                Long.getLong("load.rate", 10_000),
                Integer.getInteger("load.seconds", 20),
                Long.getLong("load.pid", 0),
                Integer.getInteger("load.payload", 128),
                Integer.getInteger("load.concurrency", 200),
                Integer.getInteger("load.publishers", 2),
                Double.parseDouble(System.getProperty("load.threshold", "0.999")),
                Arrays.stream(System.getProperty(
                                        "load.steps",
                                        "10000,20000,40000,60000,80000,100000,120000,150000,200000,300000")
                                .split(","))
                        .map(String::trim)
                        .map(Long::valueOf)
                        .toList(),
                Integer.getInteger("load.warmup", 5),
                url2 == null || url2.isBlank() ? null : base(url2),
                Long.getLong("load.pid2", 0));
    }

    private static URI base(String url) {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }

    URI webSocket() {
        return webSocket(url);
    }

    /** The WebSocket address of the Herald at base URL {@code node}. */
    static URI webSocket(URI node) {
        return URI.create(node.toString().replaceFirst("^http", "ws")).resolve("ws");
    }

    /** The Heralds the subscribers connect to: {@code load.url}, and {@code load.url2} when given. */
    List<URI> nodes() {
        return url2 == null ? List.of(url) : List.of(url, url2);
    }

    URI publish() {
        return url.resolve("api/publish");
    }
}
