package io.herald.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server's memory over a scenario: once a second its used heap (from its metrics), its RSS (from
 * /proc) and its count of slow-consumer closes, kept as one row per {@code load.watch-period} seconds (10)
 * with the phase the scenario was in.
 */
final class ServerWatch implements AutoCloseable {

    record Sample(double seconds, String phase, double heap, double committed, long rssKiB, double slowCloses) {}

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "server-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final ServerProcess server;
    private final ServerMetrics metrics;
    private final long start = System.nanoTime();
    private volatile String phase = "start";

    ServerWatch(ServerProcess server, ServerMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    void phase(String name) {
        phase = name;
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private void sample() {
        Sample sample = new Sample(
                seconds(),
                phase,
                metrics.usedHeap(),
                metrics.committedHeap(),
                server.rssKiB(),
                metrics.slowConsumerCloses());
        synchronized (samples) {
            samples.add(sample);
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The first second at which the slow-consumer closes reached {@code count}; NaN if they never did. */
    double reached(double count) {
        return samples().stream()
                .filter(s -> s.slowCloses() >= count)
                .mapToDouble(Sample::seconds)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** One row per period: the phase, used heap lowest and highest, committed heap, RSS, closes so far. */
    List<Map<String, Object>> rows() {
        int period = Integer.getInteger("load.watch-period", 10);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Sample> all = samples();
        for (int from = 0; from < all.size(); from += period) {
            List<Sample> slice = all.subList(from, Math.min(all.size(), from + period));
            Sample last = slice.get(slice.size() - 1);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("s", Math.round(slice.get(0).seconds()));
            row.put("phase", last.phase());
            row.put(
                    "heap used min MB",
                    slice.stream().mapToDouble(Sample::heap).min().orElse(Double.NaN) / 1e6);
            row.put(
                    "heap used max MB",
                    slice.stream().mapToDouble(Sample::heap).max().orElse(Double.NaN) / 1e6);
            row.put("heap committed MB", last.committed() / 1e6);
            row.put("RSS MB", last.rssKiB() / 1024.0);
            row.put("slow closes", last.slowCloses());
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
