package io.herald.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Scenario {@code requests}: the cost of one cheap HTTP request. {@code load.connections} keep-alive
 * connections send {@code load.method} {@code load.path} at {@code load.rate} requests a second in all, each
 * connection one request at a time on its own schedule; after {@code load.warmup} seconds one window of
 * {@code load.seconds} is measured: requests/s, latency (from when a request was due, so a server that falls
 * behind shows it), status counts, and the server's CPU per request. With {@code load.conditional=true} every
 * request carries the ETag of the connection's first answer in {@code If-None-Match} (a poll with nothing
 * new then answers 304).
 */
final class Requests {

    private final Settings settings;
    private final URI target;
    private final String method;
    private final String[] headers;
    private final byte[] body;
    private final boolean conditional;
    private final LongAdder done = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private volatile Latencies latencies = new Latencies();
    private volatile boolean running = true;

    private Requests(Settings settings) {
        this.settings = settings;
        String path = System.getProperty("load.path", "api/poll?cursor=news%3Arequests&wait=0");
        // a path starting with "/" is from the server's root (health and metrics on some servers)
        this.target = settings.url().resolve(path);
        this.method = System.getProperty("load.method", "GET");
        String header = System.getProperty("load.header", "");
        String text = System.getProperty("load.body");
        this.body = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>();
        if (!header.isBlank()) {
            all.add(header);
        }
        if (body != null) {
            all.add("Content-Type: " + System.getProperty("load.content-type", "application/json"));
        }
        this.headers = all.toArray(String[]::new);
        this.conditional = Boolean.getBoolean("load.conditional");
    }

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Requests requests = new Requests(settings);
        int connections = Integer.getInteger("load.connections", 16);
        long interval = Math.max(1, connections * 1_000_000_000L / Math.max(1, settings.rate()));
        List<Thread> threads = new ArrayList<>();
        List<KeepAlive> opened = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            KeepAlive connection = new KeepAlive(requests.target);
            opened.add(connection);
            long first = start + interval * i / connections;
            Thread thread = new Thread(() -> requests.loop(connection, first, interval), "requests-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Report report = new Report("requests");
        report.put("request", requests.method + " " + requests.target)
                .put("connections", connections)
                .put("offered requests/s", settings.rate());
        long[] last = {0};
        try (Progress progress = new Progress(server, () -> {
            long now = requests.done.sum();
            String line = String.format(
                    "requests %,d/s  statuses %s  failures %,d",
                    now - last[0], requests.counts(), requests.failures.sum());
            last[0] = now;
            return line;
        })) {
            Thread.sleep(settings.warmup() * 1000L);
            requests.latencies = new Latencies();
            Map<Integer, Long> statuses0 = requests.counts();
            long done0 = requests.done.sum();
            long failed0 = requests.failures.sum();
            long cpu0 = server.cpuMicros();
            long client0 = Fanout.clientCpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(settings.seconds() * 1000L);
            long t1 = System.nanoTime();
            long cpu1 = server.cpuMicros();
            double clientCpu = 100.0 * (Fanout.clientCpuNanos() - client0) / (t1 - t0);
            long count = requests.done.sum() - done0;
            Latencies window = requests.latencies;
            double seconds = (t1 - t0) / 1e9;
            Map<Integer, Long> statuses = requests.counts();
            statuses0.forEach((status, before) -> statuses.merge(status, -before, Long::sum));
            report.put("requests/s", count / seconds)
                    .put("p50 ms", window.percentile(0.50) / 1000.0)
                    .put("p99 ms", window.percentile(0.99) / 1000.0)
                    .put("max ms", window.max() / 1000.0)
                    .put("statuses", statuses.toString())
                    .put("failures", requests.failures.sum() - failed0)
                    .put("server µs/request", server.known() ? (double) (cpu1 - cpu0) / Math.max(1, count) : Double.NaN)
                    .put("server CPU %", server.known() ? 100.0 * (cpu1 - cpu0) * 1000 / (t1 - t0) : Double.NaN)
                    .put("client CPU %", clientCpu);
            if (count < 0.95 * settings.rate() * seconds || requests.failures.sum() > failed0) {
                report.fail();
            }
        }
        requests.running = false;
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        int reconnects = 0;
        for (KeepAlive connection : opened) {
            reconnects += connection.reconnects();
            connection.close();
        }
        report.put("reconnects", reconnects);
        return report;
    }

    /** One connection: a request each {@code interval} nanoseconds from {@code due}, or at once when late. */
    private void loop(KeepAlive connection, long due, long interval) {
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        String[] own = headers;
        while (running) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            try {
                KeepAlive.Answer answer = connection.send(method, path, own, body);
                latencies.record((System.nanoTime() - due) / 1_000);
                statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
                if (conditional && own == headers && answer.etag() != null) {
                    own = Stream.concat(Arrays.stream(headers), Stream.of("If-None-Match: " + answer.etag()))
                            .toArray(String[]::new);
                }
            } catch (IOException | RuntimeException e) {
                failures.increment();
                connection.close();
            }
            done.increment();
            due += interval;
        }
    }

    private Map<Integer, Long> counts() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }
}
