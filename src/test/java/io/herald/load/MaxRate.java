package io.herald.load;

import java.util.List;

/**
 * Scenario {@code max-rate}: the fan-out window at increasing rates ({@code load.steps}) with the same
 * subscribers, until a step loses or duplicates a publication, has p99 over one second, or does not
 * keep up. The result is the highest good rate.
 */
final class MaxRate {

    private static final long P99_LIMIT_MICROS = 1_000_000;

    private MaxRate() {}

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        Report report = new Report("max-rate");
        Run run = new Run();
        String channel = "news:max-" + Long.toString(System.currentTimeMillis(), 36);
        List<LoadClient> clients = Fanout.subscribers(settings, run, channel, report);
        List<Tally> tallies = Fanout.tallies(clients);
        Fanout.Step best = null;
        for (long rate : settings.steps()) {
            Fanout.Step step = Fanout.measure(settings, server, run, tallies, channel, rate);
            report.row(step.row());
            boolean good =
                    step.keptUp() && step.lost() == 0 && step.duplicates() == 0 && step.p99() <= P99_LIMIT_MICROS;
            if (!good) {
                report.put("first bad step (deliveries/s)", rate);
                break;
            }
            best = step;
        }
        report.put("highest good rate (deliveries/s)", best == null ? 0 : best.offered());
        if (best != null) {
            report.put("at that rate: p99 ms", best.p99() / 1000.0);
            if (!Double.isNaN(best.cpuPerDelivery())) {
                report.put("at that rate: server µs/delivery", best.cpuPerDelivery());
            }
        } else {
            report.fail();
        }
        Fleet.closeAll(clients);
        return report;
    }
}
