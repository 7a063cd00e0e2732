package io.herald.load;

import java.util.List;

/**
 * Scenario {@code displays} (multi-display sync): N displays in one channel while publications flow.
 * Each display sends the browser client's heartbeat ({@link ClientPings}) and answers the server's.
 * Measured: the fan-out window of {@link Fanout} and the heartbeats' round trip in the same window.
 */
final class Displays {

    private Displays() {}

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Report report = new Report("displays");
        Run run = new Run();
        String channel = "alerts:displays-" + Long.toString(System.currentTimeMillis(), 36);
        List<LoadClient> displays = Fanout.subscribers(settings, run, channel, report);
        Fanout.Step step;
        ClientPings pings = new ClientPings(displays, run);
        try (pings) {
            step = Fanout.measure(settings, server, run, Fanout.tallies(displays), channel, settings.rate());
        }
        Latencies roundTrips = run.roundTrips();
        step.row().forEach(report::put);
        report.put("client ping interval ms", pings.interval)
                .put("client pings answered", pings.answered())
                .put("client pings unanswered after 5 s", pings.unanswered())
                .put("heartbeat round trips in the window", roundTrips.count())
                .put("heartbeat round trip p50 ms", roundTrips.percentile(0.50) / 1000.0)
                .put("heartbeat round trip p99 ms", roundTrips.percentile(0.99) / 1000.0)
                .put("heartbeat round trip max ms", roundTrips.max() / 1000.0)
                .put("server heartbeats answered", run.heartbeats());
        if (!step.keptUp() || step.lost() > 0 || step.duplicates() > 0 || pings.unanswered() > 0) {
            report.fail();
        }
        Fleet.closeAll(displays);
        return report;
    }
}
