package io.herald.load;

import java.util.List;

/**
 * Scenario {@code cross-node}: publications go to the Herald at {@code load.url} (node A); the
 * subscribers are spread evenly over A and the Herald at {@code load.url2} (node B), which share one
 * Redis, so B's half of the deliveries crosses Redis pub/sub. Measured: the fan-out window of
 * {@link Fanout}, latency per node, and each node's CPU when both pids are given.
 */
final class CrossNode {

    private CrossNode() {}

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Report report = new Report("cross-node");
        Run run = new Run();
        String channel = "news:cross-" + Long.toString(System.currentTimeMillis(), 36);
        List<LoadClient> clients = Fanout.subscribers(settings, settings.nodes(), run, channel, report);
        List<Tally> tallies = Fanout.tallies(clients);
        Fanout.Step step = Fanout.measure(settings, server, run, tallies, channel, settings.rate());
        step.row().forEach(report::put);
        for (int node = 0; node < settings.nodes().size(); node++) {
            String name = String.valueOf((char) ('A' + node));
            int index = node;
            long local = tallies.stream().filter(t -> t.node() == index).count();
            Latencies latencies = run.node(node);
            report.put("subscribers on " + name, local)
                    .put("p50 ms on " + name, latencies.percentile(0.50) / 1000.0)
                    .put("p99 ms on " + name, latencies.percentile(0.99) / 1000.0);
            if (step.nodeCpu().size() == settings.nodes().size()) {
                // every subscriber got every publication (else the run failed), so a node's share of the
                // deliveries is its share of the subscribers
                double deliveries = step.delivered() * local / tallies.size();
                report.put(
                        "server " + name + " µs per local delivery",
                        step.nodeCpu().get(node) * 1e4 / deliveries);
            }
        }
        if (!step.keptUp() || step.lost() > 0 || step.duplicates() > 0) {
            report.fail();
        }
        Fleet.closeAll(clients);
        return report;
    }
}
