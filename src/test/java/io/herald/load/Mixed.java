package io.herald.load;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario {@code mixed}: for {@code load.seconds} (60 by default for this scenario) clients subscribe,
 * unsubscribe, publish (over WebSocket and REST) and reconnect with resume, at random, in 20 channels
 * of the {@code demo} namespace. An operation succeeds when its reply arrives within 5 s and says what
 * was asked; across reconnects nothing may be lost or duplicated. Below {@code load.threshold}
 * (99.9 %) the scenario fails and the tool exits non-zero.
 */
final class Mixed {

    private static final int CHANNELS = 20;

    private final Settings settings;
    private final Run run = new Run();
    private final Fleet fleet;
    private final String prefix = "demo:mix-" + Long.toString(System.currentTimeMillis(), 36) + "-";
    private final LongAdder attempted = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private LoadClient[] slots;
    private AtomicBoolean[] busy;

    private Mixed(Settings settings) {
        this.settings = settings;
        this.fleet = new Fleet(settings.webSocket(), run, settings.concurrency());
    }

    static Report run(Settings settings, ServerProcess server) throws InterruptedException {
        return new Mixed(settings).execute(server);
    }

    private Report execute(ServerProcess server) throws InterruptedException {
        Report report = new Report("mixed");
        Fleet.Opened opened = fleet.open(settings.subscribers(), null);
        slots = opened.clients().toArray(LoadClient[]::new);
        busy = new AtomicBoolean[slots.length];
        for (int i = 0; i < slots.length; i++) {
            busy[i] = new AtomicBoolean();
        }
        long ops = Long.getLong("load.ops", 500);
        int seconds = Integer.getInteger("load.seconds", 60);
        long[] last = {0, 0};
        try (Progress progress = new Progress(server, () -> {
            long a = attempted.sum();
            long f = failed.sum();
            String line = String.format("ops %,d/s  failed %,d  open %,d", a - last[0], f - last[1], fleet.open.get());
            last[0] = a;
            last[1] = f;
            return line;
        })) {
            long start = System.nanoTime();
            long done = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                long due = (long) (ops * (System.nanoTime() - start) / 1e9) - done;
                for (; due > 0; due--, done++) {
                    operate(ThreadLocalRandom.current().nextInt(slots.length));
                }
                Thread.sleep(2);
            }
            for (AtomicBoolean b : busy) {
                while (b.get()) {
                    Thread.sleep(10);
                }
            }
        }
        List<LoadClient> sockets = List.of(slots);
        List<Tally> clients = Fanout.tallies(sockets);
        for (int c = 0; c < CHANNELS; c++) {
            Fanout.drain(subscribedTo(clients, prefix + c), run, prefix + c, 10);
            String channel = prefix + c;
            Fanout.sum(clients, t -> t.settle(channel, run.lastPublished(channel)));
        }
        long lost = Fanout.sum(clients, Tally::lost);
        long duplicates = Fanout.sum(clients, Tally::duplicates);
        long unexpected = Fanout.sum(clients, Tally::unexpected);
        double rate = (double) succeeded.sum() / Math.max(1, attempted.sum());
        report.put("clients", slots.length)
                .put("operations", attempted.sum())
                .put("succeeded", succeeded.sum())
                .put("success rate %", rate * 100)
                .put("threshold %", settings.threshold() * 100)
                .put("publications delivered", run.delivered())
                .put("lost", lost)
                .put("duplicated", duplicates)
                .put("after unsubscribe", unexpected);
        if (rate < settings.threshold() || lost > 0 || duplicates > 0 || unexpected > 0 || opened.failures() > 0) {
            report.fail();
        }
        Fleet.closeAll(sockets);
        return report;
    }

    private static List<Tally> subscribedTo(List<Tally> clients, String channel) {
        return clients.stream().filter(c -> c.position(channel) != null).toList();
    }

    /** Starts one operation on client {@code i} unless it is still busy with the previous one. */
    private void operate(int i) {
        if (!busy[i].compareAndSet(false, true)) {
            return;
        }
        attempted.increment();
        LoadClient client = slots[i];
        Map<String, Tally.Position> positions = client.tally.positions();
        String channel = prefix + ThreadLocalRandom.current().nextInt(CHANNELS);
        int dice = ThreadLocalRandom.current().nextInt(100);
        CompletableFuture<Boolean> op;
        if (dice < 30 && !positions.containsKey(channel)) {
            op = client.subscribe(channel).thenApply(r -> "subscribed".equals(r.getString("type")));
        } else if (dice < 50 && !positions.isEmpty()) {
            String some = positions.keySet().iterator().next();
            op = client.unsubscribe(some).thenApply(r -> "unsubscribed".equals(r.getString("type")));
        } else if (dice < 75) {
            op = client.publish(channel, PublishLoop.data(settings.payload()))
                    .thenApply(r -> "published".equals(r.getString("type")));
        } else if (dice < 92) {
            op = restPublish(channel);
        } else {
            op = reconnect(i, positions);
        }
        op.orTimeout(5, TimeUnit.SECONDS)
                .handle((ok, error) -> error == null && ok)
                .thenAccept(ok -> {
                    (ok ? succeeded : failed).increment();
                    busy[i].set(false);
                });
    }

    private CompletableFuture<Boolean> restPublish(String channel) {
        String body = "{\"channel\":\"" + channel + "\",\"data\":" + PublishLoop.data(settings.payload()) + "}";
        return fleet.http
                .sendAsync(
                        HttpRequest.newBuilder(settings.publish())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    JsonObject answer = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))
                            .readObject();
                    run.published(channel, answer.getJsonNumber("offset").longValue());
                    return true;
                });
    }

    /** Drops the connection and resumes every subscription from its position: each must be recovered. */
    private CompletableFuture<Boolean> reconnect(int i, Map<String, Tally.Position> positions) {
        LoadClient old = slots[i];
        old.abort();
        return LoadClient.connect(fleet.http, settings.webSocket(), old.tally, run)
                .thenCompose(client -> {
                    slots[i] = client;
                    fleet.open.incrementAndGet();
                    client.closed.thenRun(fleet.open::decrementAndGet);
                    List<CompletableFuture<Boolean>> replies = new ArrayList<>();
                    for (String channel : positions.keySet()) {
                        replies.add(client.subscribe(channel)
                                .thenApply(r -> "subscribed".equals(r.getString("type")) && r.getBoolean("recovered")));
                    }
                    return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new))
                            .thenApply(v -> replies.stream().allMatch(CompletableFuture::join));
                });
    }
}
