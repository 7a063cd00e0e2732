package io.herald.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario {@code fanout}: N subscribers in one channel, publications at a fixed rate. The rate is in
 * deliveries a second (publications a second times subscribers), the unit the targets use. After a
 * warm-up, one window is measured; then publishing stops and every subscriber must reach the last offset.
 */
final class Fanout {

    /**
     * What one measured window showed. {@code nodeCpu}: each server's share of a core in the window when
     * several are watched (empty for one).
     */
    record Step(
            long offered,
            double publications,
            double delivered,
            long p50,
            long p95,
            long p99,
            long max,
            long lost,
            long duplicates,
            double cpuPerDelivery,
            double clientCpu,
            double drainSeconds,
            boolean keptUp,
            List<Double> nodeCpu,
            long refused) {

        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("offered deliveries/s", offered);
            row.put("publications/s", publications);
            row.put("delivered/s", delivered);
            row.put("p50 ms", p50 / 1000.0);
            row.put("p95 ms", p95 / 1000.0);
            row.put("p99 ms", p99 / 1000.0);
            row.put("max ms", max / 1000.0);
            row.put("lost", lost);
            row.put("duplicated", duplicates);
            if (!Double.isNaN(cpuPerDelivery)) {
                row.put("server µs/delivery", cpuPerDelivery);
            }
            for (int node = 0; node < nodeCpu.size(); node++) {
                row.put("server " + (char) ('A' + node) + " CPU %", nodeCpu.get(node));
            }
            row.put("client CPU %", clientCpu);
            row.put("drain s", drainSeconds);
            row.put("kept up", keptUp);
            // publishes the server refused in the window (503 overloaded when it sheds load)
            row.put("publishes refused", refused);
            return row;
        }
    }

    private Fanout() {}

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Report report = new Report("fanout");
        Run run = new Run();
        String channel = "news:load-" + Long.toString(System.currentTimeMillis(), 36);
        List<LoadClient> clients = subscribers(settings, run, channel, report);
        Step step = measure(settings, server, run, tallies(clients), channel, settings.rate());
        step.row().forEach(report::put);
        if (!step.keptUp() || step.lost() > 0 || step.duplicates() > 0) {
            report.fail();
        }
        Fleet.closeAll(clients);
        return report;
    }

    static List<LoadClient> subscribers(Settings settings, Run run, String channel, Report report)
            throws InterruptedException {
        return subscribers(settings, List.of(settings.url()), run, channel, report);
    }

    /** {@code settings.subscribers()} subscribers in {@code channel}, spread evenly over the Heralds at {@code nodes}. */
    static List<LoadClient> subscribers(Settings settings, List<URI> nodes, Run run, String channel, Report report)
            throws InterruptedException {
        List<LoadClient> clients = new ArrayList<>();
        int failures = 0;
        long nanos = 0;
        for (int node = 0; node < nodes.size(); node++) {
            Fleet fleet = new Fleet(Settings.webSocket(nodes.get(node)), run, settings.concurrency(), node);
            int count =
                    settings.subscribers() * (node + 1) / nodes.size() - settings.subscribers() * node / nodes.size();
            Fleet.Opened opened = fleet.open(count, null);
            clients.addAll(opened.clients());
            failures += opened.failures();
            nanos += opened.nanos();
        }
        int refused = Fleet.subscribeAll(clients, channel);
        report.put("subscribers", clients.size() - refused)
                .put("connect failures", failures)
                .put("subscribe failures", refused)
                .put("channel", channel)
                .put("payload bytes", settings.payload());
        System.out.printf(
                "%d subscribers in %s (connected in %.1f s)%n", clients.size() - refused, channel, nanos / 1e9);
        if (failures > 0 || refused > 0) {
            report.fail();
        }
        return clients;
    }

    /** Publishes at {@code rate} deliveries/s, measures one window of {@code settings.seconds()}, drains. */
    static Step measure(
            Settings settings, ServerProcess server, Run run, List<Tally> clients, String channel, long rate)
            throws InterruptedException {
        long lost0 = sum(clients, Tally::lost);
        long duplicates0 = sum(clients, Tally::duplicates);
        double perSecond = (double) rate / clients.size();
        PublishLoop publishers = new PublishLoop(settings.publish(), run, channel, settings.payload())
                .start(perSecond, settings.publishers());
        long[] last = {run.delivered()};
        Step step;
        try (Progress progress = new Progress(server, () -> {
            long now = run.delivered();
            String line = String.format(
                    "offered %,d/s  delivered %,d/s  published %,d", rate, now - last[0], publishers.sent());
            last[0] = now;
            return line;
        })) {
            Thread.sleep(settings.warmup() * 1000L);
            Latencies latencies = run.window();
            long delivered0 = run.delivered();
            long sent0 = publishers.sent();
            long refused0 = publishers.refused();
            long[] nodes0 = nodeCpuMicros(server);
            long client0 = clientCpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(settings.seconds() * 1000L);
            long t1 = System.nanoTime();
            long[] nodes1 = nodeCpuMicros(server);
            long cpu0 = Arrays.stream(nodes0).sum();
            long cpu1 = Arrays.stream(nodes1).sum();
            double clientCpu = 100.0 * (clientCpuNanos() - client0) / (t1 - t0);
            long delivered = run.delivered() - delivered0;
            long sent = publishers.sent() - sent0;
            long refused = publishers.refused() - refused0;
            publishers.close();
            double drain = drain(clients, run, channel, 30);
            sum(clients, c -> c.settle(channel, run.lastPublished(channel)));
            long lost = sum(clients, Tally::lost) - lost0;
            double seconds = (t1 - t0) / 1e9;
            double deliveredPerSecond = delivered / seconds;
            boolean keptUp = deliveredPerSecond >= 0.95 * rate && drain <= 2.0;
            step = new Step(
                    rate,
                    sent / seconds,
                    deliveredPerSecond,
                    latencies.percentile(0.50),
                    latencies.percentile(0.95),
                    latencies.percentile(0.99),
                    latencies.max(),
                    lost,
                    sum(clients, Tally::duplicates) - duplicates0,
                    server.known() ? (double) (cpu1 - cpu0) / Math.max(1, delivered) : Double.NaN,
                    clientCpu,
                    drain,
                    keptUp,
                    nodeCpuPercent(nodes0, nodes1, t1 - t0),
                    refused);
        }
        System.out.println(step.row());
        return step;
    }

    /** Seconds until every client holds the last published offset (at most {@code limit}). */
    static double drain(List<Tally> clients, Run run, String channel, int limit) throws InterruptedException {
        long start = System.nanoTime();
        long target = run.lastPublished(channel);
        while (System.nanoTime() - start < limit * 1_000_000_000L) {
            boolean done = true;
            for (Tally client : clients) {
                Tally.Position at = client.position(channel);
                if (at == null || at.offset() < target) {
                    done = false;
                    break;
                }
            }
            if (done) {
                break;
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long[] nodeCpuMicros(ServerProcess server) {
        long[] micros = new long[server.nodes()];
        for (int node = 0; node < micros.length; node++) {
            micros[node] = server.cpuMicros(node);
        }
        return micros;
    }

    /** Each server's share of a core over {@code nanos}; empty with one server (the total says it). */
    private static List<Double> nodeCpuPercent(long[] before, long[] after, long nanos) {
        List<Double> percent = new ArrayList<>();
        for (int node = 0; before.length > 1 && node < before.length; node++) {
            percent.add(100.0 * (after[node] - before[node]) * 1000 / nanos);
        }
        return percent;
    }

    /** This JVM's CPU time: a client near 100 % of its core measures itself, not the server. */
    static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long sum(List<Tally> clients, java.util.function.ToLongFunction<Tally> value) {
        long total = 0;
        for (Tally client : clients) {
            total += value.applyAsLong(client);
        }
        return total;
    }

    static List<Tally> tallies(List<LoadClient> clients) {
        return clients.stream().map(c -> c.tally).toList();
    }
}
