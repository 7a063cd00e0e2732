package io.herald.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scenario {@code slow}: the fan-out window of {@link Fanout} twice in one invocation, first with every
 * subscriber reading (the baseline), then with {@code load.slow-fraction} (5 %) of them no longer
 * reading their socket. Every client keeps sending the browser client's heartbeat ({@link ClientPings}),
 * so the stalled ones stay alive for the idle timeout and only their reading stops. Measured: whether
 * and when the server closed them as slow consumers (4003), the server's heap and RSS over time
 * ({@link ServerWatch}) and its live heap after each window, and the readers' latency against the baseline.
 */
final class SlowReaders {

    private static final String BASELINE = "all reading";
    private static final String STALLED = "some not reading";

    private SlowReaders() {}

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Report report = new Report("slow");
        Run run = new Run();
        String channel = "news:slow-" + Long.toString(System.currentTimeMillis(), 36);
        List<LoadClient> clients = Fanout.subscribers(settings, run, channel, report);
        double fraction = Double.parseDouble(System.getProperty("load.slow-fraction", "0.05"));
        int count = (int) Math.ceil(clients.size() * fraction);
        List<LoadClient> slow = clients.subList(0, count);
        List<LoadClient> readers = clients.subList(count, clients.size());
        ServerMetrics metrics = new ServerMetrics(settings.url());
        double closes0 = metrics.slowConsumerCloses();
        Fanout.Step baseline;
        Fanout.Step stalled;
        double lastClose;
        report.put("slow readers", slow.size());
        try (ClientPings pings = new ClientPings(clients, run);
                ServerWatch watch = new ServerWatch(server, metrics)) {
            watch.phase(BASELINE);
            baseline = Fanout.measure(settings, server, run, Fanout.tallies(clients), channel, settings.rate());
            long live0 = server.liveHeapKiB();
            watch.phase(STALLED);
            double stoppedAt = watch.seconds();
            slow.forEach(LoadClient::stopReading);
            // the same publications a second as in the baseline, now delivered to the readers only
            stalled = Fanout.measure(
                    settings,
                    server,
                    run,
                    Fanout.tallies(readers),
                    channel,
                    settings.rate() * readers.size() / clients.size());
            long live1 = server.liveHeapKiB();
            double peak = watch.samples().stream()
                    .filter(s -> s.phase().equals(STALLED))
                    .mapToDouble(ServerWatch.Sample::heap)
                    .max()
                    .orElse(Double.NaN);
            lastClose = watch.reached(closes0 + slow.size()) - stoppedAt;
            report.put("first slow close after s", watch.reached(closes0 + 1) - stoppedAt)
                    .put("last slow close after s", lastClose)
                    .put("live heap after the baseline MB", live0 < 0 ? Double.NaN : live0 / 1024.0)
                    .put("live heap after the window with slow readers MB", live1 < 0 ? Double.NaN : live1 / 1024.0)
                    .put("heap used peak with slow readers MB", peak / 1e6);
            watch.rows().forEach(report::row);
        }
        Map<Integer, Integer> codes = closeCodes(slow);
        put(report, "baseline", baseline);
        put(report, "with slow readers", stalled);
        report.put("readers' p99 change %", 100.0 * (stalled.p99() - baseline.p99()) / Math.max(1, baseline.p99()))
                .put("slow readers closed 4003 (seen by them)", codes.getOrDefault(4003, 0))
                .put("slow readers' close codes (0: still open)", codes.toString());
        // the close frame waits behind what the client does not read, so it usually sees 1006: the
        // server's count of slow-consumer closes is the evidence
        boolean closedAsSlow = !Double.isNaN(lastClose) || codes.getOrDefault(4003, 0) == slow.size();
        report.put("all slow readers closed as slow consumers", closedAsSlow);
        if (!closedAsSlow
                || !stalled.keptUp()
                || stalled.lost() > 0
                || stalled.duplicates() > 0
                || baseline.lost() > 0
                || baseline.duplicates() > 0) {
            report.fail();
        }
        Fleet.closeAll(clients);
        return report;
    }

    private static void put(Report report, String window, Fanout.Step step) {
        report.put(window + ": delivered/s", step.delivered())
                .put(window + ": p50 ms", step.p50() / 1000.0)
                .put(window + ": p99 ms", step.p99() / 1000.0)
                .put(window + ": max ms", step.max() / 1000.0)
                .put(window + ": lost", step.lost())
                .put(window + ": duplicated", step.duplicates())
                .put(window + ": kept up", step.keptUp());
        if (!Double.isNaN(step.cpuPerDelivery())) {
            report.put(window + ": server µs/delivery", step.cpuPerDelivery());
        }
    }

    /**
     * The slow readers read again: what the kernel held for them arrives, then the close frame the
     * server sent, if it closed them. Returns how many ended with each close code (0: still open after 30 s).
     */
    private static Map<Integer, Integer> closeCodes(List<LoadClient> slow) {
        slow.forEach(LoadClient::resumeReading);
        List<CompletableFuture<Integer>> ends = slow.stream()
                .map(client -> client.closed.copy().completeOnTimeout(0, 30, TimeUnit.SECONDS))
                .toList();
        Map<Integer, Integer> codes = new HashMap<>();
        for (CompletableFuture<Integer> end : ends) {
            codes.merge(end.join(), 1, Integer::sum);
        }
        return codes;
    }
}
