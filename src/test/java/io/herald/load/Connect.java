package io.herald.load;

/**
 * Scenario {@code connect}: opens N WebSocket connections (a bounded number of handshakes in flight),
 * then measures what the idle connections cost the server in memory.
 */
final class Connect {

    private Connect() {}

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Report report = new Report("connect");
        Run run = new Run();
        Fleet fleet = new Fleet(settings.webSocket(), run, settings.concurrency());
        Fleet.Opened warm = fleet.open(Math.min(50, settings.subscribers()), null);
        Fleet.closeAll(warm.clients());
        Thread.sleep(2_000);
        long rss0 = server.rssKiB();
        long threads0 = server.threads();
        long cpu0 = server.cpuMicros();
        Fleet.Opened opened;
        try (Progress progress = new Progress(server, () -> "open " + fleet.open.get())) {
            opened = fleet.open(settings.subscribers(), null);
            long cpu1 = server.cpuMicros();
            int ok = opened.clients().size();
            double seconds = opened.nanos() / 1e9;
            report.put("connections requested", settings.subscribers())
                    .put("connections opened", ok)
                    .put("failures", opened.failures())
                    .put("seconds", seconds)
                    .put("handshakes/s", ok / seconds);
            if (server.known()) {
                report.put("server CPU per handshake (µs)", (double) (cpu1 - cpu0) / Math.max(1, ok));
            }
            // held long enough to read the server's memory from outside (jcmd) when asked to
            Thread.sleep(Integer.getInteger("load.hold", 5) * 1000L);
        }
        if (server.known()) {
            long rss1 = server.rssKiB();
            int ok = opened.clients().size();
            report.put("server RSS before (MB)", rss0 / 1024.0)
                    .put("server RSS after (MB)", rss1 / 1024.0)
                    .put("server RSS per connection (KiB)", (double) (rss1 - rss0) / Math.max(1, ok))
                    .put("server threads before/after", threads0 + "/" + server.threads());
        }
        report.put("still open at the end", fleet.open.get());
        if (opened.failures() > 0 || fleet.open.get() < opened.clients().size()) {
            report.fail();
        }
        Fleet.closeAll(opened.clients());
        return report;
    }
}
