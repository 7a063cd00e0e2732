package io.herald.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all clients of one load run share: the delivery count, the latencies of the current measuring
 * window (all clients, and per node when subscribers are spread over two), the round trips of client
 * pings, the server heartbeats answered, and the newest offset published per channel (from the
 * publishers' answers).
 */
final class Run {

    /** Nodes whose subscribers' latencies are kept apart (load.url and load.url2). */
    static final int NODES = 2;

    private final LongAdder delivered = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder heartbeats = new LongAdder();
    private final ConcurrentHashMap<String, Long> published = new ConcurrentHashMap<>();
    private volatile Latencies latencies = new Latencies();
    private volatile Latencies[] byNode = fresh();
    private volatile Latencies roundTrips = new Latencies();
    private volatile long windowStart = Long.MAX_VALUE;

    /** A publication stamped {@code sent} (System.nanoTime in this JVM) arrived {@code now} at a client of {@code node}. */
    void delivered(long sent, long now, int node) {
        delivered.increment();
        if (sent >= windowStart) {
            long micros = (now - sent) / 1_000;
            latencies.record(micros);
            byNode[node].record(micros);
        }
    }

    /** Starts a measuring window: only publications stamped from now on count for latency. */
    Latencies window() {
        Latencies fresh = new Latencies();
        latencies = fresh;
        byNode = fresh();
        roundTrips = new Latencies();
        windowStart = System.nanoTime();
        return fresh;
    }

    /** The current window's latencies at the subscribers of {@code node}. */
    Latencies node(int node) {
        return byNode[node];
    }

    /** A client ping was answered after {@code micros}. */
    void roundTrip(long micros) {
        roundTrips.record(micros);
    }

    /** The current window's ping round trips. */
    Latencies roundTrips() {
        return roundTrips;
    }

    /** A client answered a server heartbeat. */
    void heartbeat() {
        heartbeats.increment();
    }

    long heartbeats() {
        return heartbeats.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    void failed() {
        failures.increment();
    }

    long failures() {
        return failures.sum();
    }

    void published(String channel, long offset) {
        published.merge(channel, offset, Math::max);
    }

    long lastPublished(String channel) {
        return published.getOrDefault(channel, 0L);
    }

    private static Latencies[] fresh() {
        Latencies[] nodes = new Latencies[NODES];
        for (int i = 0; i < NODES; i++) {
            nodes[i] = new Latencies();
        }
        return nodes;
    }
}
