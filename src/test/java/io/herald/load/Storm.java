package io.herald.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario {@code storm}: N subscribers while publishing goes on; all connections drop at once and
 * every client reconnects and resumes from its last position. Measured: the time until every client
 * holds what was published, and that nothing was lost or duplicated across the gap.
 */
final class Storm {

    private Storm() {}

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Report report = new Report("storm");
        Run run = new Run();
        String channel = "news:storm-" + Long.toString(System.currentTimeMillis(), 36);
        List<LoadClient> clients = Fanout.subscribers(settings, run, channel, report);
        double perSecond = (double) settings.rate() / clients.size();
        Fleet fleet = new Fleet(settings.webSocket(), run, settings.concurrency());
        List<LoadClient> back;
        try (PublishLoop publishers = new PublishLoop(settings.publish(), run, channel, settings.payload())
                        .start(perSecond, settings.publishers());
                Progress progress = new Progress(
                        server, () -> String.format("open %,d  published %,d", fleet.open.get(), publishers.sent()))) {
            Thread.sleep(settings.warmup() * 1000L);
            List<Tally> tallies = new ArrayList<>();
            clients.forEach(c -> tallies.add(c.tally));
            long cpu0 = server.cpuMicros();
            long t0 = System.nanoTime();
            clients.forEach(LoadClient::abort);
            Fleet.Opened opened = fleet.open(tallies.size(), tallies);
            back = opened.clients();
            int refused = Fleet.subscribeAll(back, channel);
            long resubscribed = System.nanoTime();
            double caughtUp = (resubscribed - t0) / 1e9 + Fanout.drain(Fanout.tallies(back), run, channel, 60);
            long cpu1 = server.cpuMicros();
            report.put("publications/s during the storm", perSecond)
                    .put("reconnected", back.size())
                    .put("reconnect failures", opened.failures())
                    .put("resubscribe failures", refused)
                    .put("seconds until all resubscribed", (resubscribed - t0) / 1e9)
                    .put("seconds until all caught up", caughtUp);
            if (server.known()) {
                report.put("server CPU during the storm (s)", (cpu1 - cpu0) / 1e6);
            }
            if (opened.failures() > 0 || refused > 0 || back.size() < tallies.size()) {
                report.fail();
            }
            Thread.sleep(2_000);
        }
        List<Tally> tallies = Fanout.tallies(back);
        Fanout.drain(tallies, run, channel, 30);
        Fanout.sum(tallies, t -> t.settle(channel, run.lastPublished(channel)));
        long lost = Fanout.sum(tallies, Tally::lost);
        long duplicates = Fanout.sum(tallies, Tally::duplicates);
        long unrecovered = Fanout.sum(tallies, Tally::unrecovered);
        report.put("lost", lost)
                .put("duplicated", duplicates)
                .put("resumes not recovered", unrecovered)
                .put("publications published", run.lastPublished(channel));
        if (lost > 0 || duplicates > 0 || unrecovered > 0) {
            report.fail();
        }
        Fleet.closeAll(back);
        return report;
    }
}
