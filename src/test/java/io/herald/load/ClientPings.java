package io.herald.load;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client heartbeat the browser client sends: a {@code ping} from every client every
 * {@code load.ping-interval} ms (15,000, herald.js's default), each client at its own phase. A
 * {@code pong} within 5 s is a round trip recorded in the run's window; anything else is unanswered.
 */
final class ClientPings implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "client-pings");
        thread.setDaemon(true);
        return thread;
    });
    private final LongAdder answered = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final Run run;
    final long interval = Long.getLong("load.ping-interval", 15_000);

    ClientPings(List<LoadClient> clients, Run run) {
        this.run = run;
        for (LoadClient client : clients) {
            timer.scheduleAtFixedRate(
                    () -> ping(client),
                    ThreadLocalRandom.current().nextLong(interval),
                    interval,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void ping(LoadClient client) {
        long start = System.nanoTime();
        client.ping().orTimeout(5, TimeUnit.SECONDS).whenComplete((reply, error) -> {
            if (error == null && "pong".equals(reply.getString("type"))) {
                run.roundTrip((System.nanoTime() - start) / 1_000);
                answered.increment();
            } else {
                unanswered.increment();
            }
        });
    }

    long answered() {
        return answered.sum();
    }

    long unanswered() {
        return unanswered.sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
