package io.herald.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** One progress line a second while a scenario runs: elapsed time, the scenario's line, the server's CPU and RSS. */
final class Progress implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "progress");
        thread.setDaemon(true);
        return thread;
    });
    private final long start = System.nanoTime();
    private long lastCpu;
    private long lastAt;

    Progress(ServerProcess server, Supplier<String> line) {
        lastCpu = server.cpuMicros();
        lastAt = System.nanoTime();
        timer.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    long cpu = server.cpuMicros();
                    String serverPart = server.known()
                            ? String.format(
                                    "  server cpu %3.0f%%  rss %,d MB",
                                    100.0 * (cpu - lastCpu) * 1000 / (now - lastAt), server.rssKiB() / 1024)
                            : "";
                    lastCpu = cpu;
                    lastAt = now;
                    System.out.printf("[%5.1fs] %s%s%n", (now - start) / 1e9, line.get(), serverPart);
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
