package io.herald.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many load clients sharing one JDK HttpClient (one selector thread), opened with a bounded number of
 * handshakes in flight so that the measured rate is the server's, not a SYN flood's.
 */
final class Fleet {

    record Opened(List<LoadClient> clients, int failures, long nanos) {}

    /** WebSockets, and REST publishes in {@code mixed}: HTTP/1.1 for the reason given in {@link PublishLoop}. */
    final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI uri;
    private final Run run;
    private final int concurrency;
    private final int node;
    final AtomicInteger open = new AtomicInteger();

    Fleet(URI uri, Run run, int concurrency) {
        this(uri, run, concurrency, 0);
    }

    /** {@code node}: which of the run's Heralds {@code uri} belongs to, for latencies per node. */
    Fleet(URI uri, Run run, int concurrency, int node) {
        this.uri = uri;
        this.run = run;
        this.concurrency = concurrency;
        this.node = node;
    }

    /** Opens one connection per tally (a new tally each when {@code tallies} is null). */
    Opened open(int count, List<Tally> tallies) throws InterruptedException {
        Semaphore window = new Semaphore(concurrency);
        ConcurrentLinkedQueue<LoadClient> clients = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquire();
            Tally tally = tallies == null ? new Tally(node) : tallies.get(i);
            all.add(LoadClient.connect(http, uri, tally, run)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .whenComplete((client, error) -> {
                        window.release();
                        if (error == null) {
                            clients.add(client);
                            open.incrementAndGet();
                            client.closed.thenRun(open::decrementAndGet);
                        } else {
                            failures.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .handle((r, e) -> null)
                .join();
        return new Opened(new ArrayList<>(clients), failures.get(), System.nanoTime() - start);
    }

    /** Subscribes every client to {@code channel}; returns how many were refused or timed out. */
    static int subscribeAll(List<LoadClient> clients, String channel) {
        List<CompletableFuture<Boolean>> replies = new ArrayList<>();
        for (LoadClient client : clients) {
            replies.add(client.subscribe(channel)
                    .orTimeout(60, TimeUnit.SECONDS)
                    .handle((reply, error) -> error == null && "subscribed".equals(reply.getString("type"))));
        }
        int failed = 0;
        for (CompletableFuture<Boolean> reply : replies) {
            failed += reply.join() ? 0 : 1;
        }
        return failed;
    }

    static void closeAll(List<LoadClient> clients) {
        clients.forEach(LoadClient::close);
    }
}
