package io.herald.redis.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.OpenNamespace;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.Subscriber;
import io.herald.delivery.control.Subscription;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import io.herald.it.support.TestRedis;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/** Two Herald nodes (broker, hub, subscription each) sharing one real Redis. */
class RedisClusterTest {

    private static final ChannelName NEWS = new ChannelName("news", "x");

    private final Namespaces namespaces =
            new Namespaces(Map.of("news", OpenNamespace.of("news", 100, Duration.ofMinutes(5), false)), 255);
    private TestRedis redis;
    private Hub hubA;
    private Hub hubB;
    private RedisNode nodeA;
    private RedisNode nodeB;

    @BeforeEach
    void start() {
        redis = new TestRedis();
        nodeA = node();
        nodeB = node();
        hubA = new Hub(nodeA.broker());
        hubB = new Hub(nodeB.broker());
        await(() -> nodeA.broker().ready() && nodeB.broker().ready(), "both nodes ready");
    }

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void aPublicationOnOneNodeReachesSubscribersOnTheOtherInOrder() {
        Frames received = subscribe(hubB, nodeB, null);
        for (int n = 1; n <= 30; n++) {
            nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(n)));
        }
        await(() -> received.offsets().size() == 30, "30 publications on node B");
        assertEquals(LongStream.rangeClosed(1, 30).boxed().toList(), received.offsets());
    }

    @Test
    void aClientResumesOnTheOtherNode() {
        Position seen = null;
        for (int n = 1; n <= 5; n++) {
            Published published = nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(n)));
            if (n == 2) {
                seen = published.publication().position();
            }
        }
        Recovery recovery = nodeB.broker().recover(NEWS, seen);
        assertTrue(recovery.recovered());
        assertEquals(
                List.of(3L, 4L, 5L),
                recovery.missed().stream().map(p -> p.offset()).toList());
        assertEquals(5, recovery.position().offset());
        assertFalse(
                nodeB.broker().recover(NEWS, new Position(2, "another-epoch")).recovered());
    }

    @Test
    void aRetriedPublishOnAnotherNodeIsNotDuplicated() {
        Published first = nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(1), "k-9"));
        Published retry = nodeB.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(1), "k-9"));
        assertFalse(first.duplicate());
        assertTrue(retry.duplicate());
        assertEquals(first.publication().id(), retry.publication().id());
        assertEquals(1, nodeB.broker().recover(NEWS, null).position().offset());
    }

    @Test
    void publicationsMissedWhileTheSubscriptionWasCutAreFilledFromTheStream() {
        Frames received = subscribe(hubB, nodeB, null);
        nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(1)));
        await(() -> received.offsets().size() == 1, "first publication");
        int killed = 0;
        try (Jedis admin = new Jedis(redis.url())) {
            for (String client : admin.clientList().split("\n")) {
                if (client.contains("name=herald-" + nodeB.id() + " ")) {
                    killed +=
                            (int) admin.clientKill(new ClientKillParams().id(client.replaceAll("^id=(\\d+) .*", "$1")));
                }
            }
        }
        assertEquals(1, killed, "node B's subscription was cut");
        for (int n = 2; n <= 6; n++) {
            nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(n)));
        }
        await(() -> received.offsets().size() == 6, "all six on node B after it resubscribed");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), received.offsets());
        assertTrue(received.lost.isEmpty());
    }

    @Test
    void whenRedisGoesAwayPublishFailsFastAndWhenItReturnsEmptySubscribersAreToldToResume() {
        Frames received = subscribe(hubB, nodeB, null);
        nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(1)));
        await(() -> received.offsets().size() == 1, "first publication");

        redis.stop();
        await(() -> !nodeA.broker().ready() && !nodeB.broker().ready(), "both nodes not ready");
        long started = System.nanoTime();
        Refusal refusal = assertThrows(
                Refusal.class,
                () -> nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(2))));
        assertEquals(ErrorCode.UNAVAILABLE, refusal.code());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(3).toNanos(), "fails fast");

        redis.start();
        await(() -> nodeA.broker().ready() && nodeB.broker().ready(), "both nodes ready again");
        await(() -> received.lost.contains(NEWS), "the subscriber on B is told its history was lost");
    }

    @Test
    void aNodeListensToAChannelInRedisOnlyWhileItHasSubscribersAndKeepsDeliveringWhenOneLeavesAndOneComes() {
        String pubsub = "test:pub:" + NEWS;
        Subscription first = hubB.subscribe(NEWS, new Frames());
        await(() -> listeners(pubsub) == 1, "node B listens to the channel");
        hubB.unsubscribe(first);
        await(() -> listeners(pubsub) == 0, "node B stops listening");

        Subscription leaving = hubB.subscribe(NEWS, new Frames());
        hubB.unsubscribe(leaving);
        Frames received = subscribe(hubB, nodeB, null);
        await(() -> listeners(pubsub) == 1, "node B listens again");
        for (int n = 1; n <= 5; n++) {
            nodeA.broker().publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(n)));
        }

        await(() -> received.offsets().size() == 5, "five publications on node B");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), received.offsets());
        assertTrue(received.lost.isEmpty());
    }

    @Test
    void aNodeStartedWithoutRedisIsNotReadyAndJoinsWhenRedisComesUp() {
        redis.stop();
        try (RedisNode late = node()) {
            assertFalse(late.broker().ready());
            assertEquals(
                    ErrorCode.UNAVAILABLE,
                    assertThrows(
                                    Refusal.class,
                                    () -> late.broker()
                                            .publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(1))))
                            .code());
            redis.start();
            await(() -> late.broker().ready(), "the late node joins");
            assertEquals(
                    1,
                    late.broker()
                            .publish(NEWS, new Publish(NEWS.toString(), "e", Json.createValue(1)))
                            .publication()
                            .offset());
        }
    }

    private RedisNode node() {
        return RedisNode.start(
                new RedisSettings(
                        redis.url(),
                        "test:",
                        4,
                        Duration.ofSeconds(1),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofHours(1),
                        Duration.ofMinutes(5)),
                namespaces,
                Executors.defaultThreadFactory());
    }

    private long listeners(String pubsubChannel) {
        try (Jedis admin = new Jedis(redis.url())) {
            return admin.pubsubNumSub(pubsubChannel).get(pubsubChannel);
        }
    }

    private Frames subscribe(Hub hub, RedisNode node, Position since) {
        Frames frames = new Frames();
        Subscription subscription = hub.subscribe(NEWS, frames);
        Recovery recovery = node.broker().recover(NEWS, since);
        subscription.goLive(new Frame("{\"type\":\"subscribed\"}", NEWS, recovery.position()));
        return frames;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static final class Frames implements Subscriber {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final List<ChannelName> lost = new CopyOnWriteArrayList<>();

        @Override
        public void send(Frame frame, long published) {
            frames.add(frame.json());
        }

        @Override
        public void lost(ChannelName channel) {
            lost.add(channel);
        }

        List<Long> offsets() {
            return frames.stream()
                    .filter(f -> f.contains("\"publication\""))
                    .map(f -> Json.createReader(new StringReader(f))
                            .readObject()
                            .getJsonNumber("offset")
                            .longValue())
                    .toList();
        }
    }
}
