package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.OpenNamespace;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.HttpLimits;
import io.herald.connection.entity.Limits;
import io.herald.connection.entity.PollAnswer;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Publish;
import io.herald.metrics.control.Meters;
import io.herald.platform.Backlog;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import io.herald.security.entity.Identity;
import jakarta.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Drain")
class DrainTest {

    private final Namespaces namespaces =
            new Namespaces(Map.of("news", OpenNamespace.of("news", 10, Duration.ofMinutes(5), false)), 255);
    private final MemoryBroker broker = new MemoryBroker(namespaces, Duration.ofMinutes(5), 100, Clock.systemUTC());
    private final Hub hub = new Hub(broker);
    private final Limits limits = new Limits(65536, 8, 1_000_000, 65536, Duration.ofHours(1), Duration.ofHours(1), 100);
    private final Connections connections = UnlimitedConnections.of(limits, hub);
    private final Polls polls = new Polls(
            namespaces,
            broker,
            hub,
            limits,
            new HttpLimits(Duration.ofSeconds(25), Duration.ofSeconds(60), 10, 10, Duration.ofSeconds(1)),
            Meters.none(),
            new Backlog(Runnable::run, Long.MAX_VALUE, Duration.ofDays(1)),
            java.time.Clock.systemUTC());
    private final ChannelName news = new ChannelName("news", "a");

    /** A transport that notes when it was closed; writes complete at once. */
    private static final class Timed implements Transport {

        final List<Close> closes = Collections.synchronizedList(new ArrayList<>());
        volatile long closedAt;

        @Override
        public void write(List<Frame> frames, Consumer<Throwable> done) {
            done.accept(null);
        }

        @Override
        public void close(Close reason) {
            closedAt = System.nanoTime();
            closes.add(reason);
        }

        @Override
        public String kind() {
            return "test";
        }
    }

    private Connection subscribed(Transport transport) {
        Connection connection = connections.open(transport, Identity.ANONYMOUS, null);
        connection.subscriptions().put(news, hub.subscribe(news, connection));
        connection.subscriptions().get(news).goLive(new Frame("{\"type\":\"subscribed\"}"));
        return connection;
    }

    private void publish(int n) {
        broker.publish(news, new Publish("news:a", null, Json.createValue(n)));
    }

    @Test
    void closesEveryConnectionWith4001SpreadOverTheWindow() {
        List<Timed> transports = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Timed transport = new Timed();
            subscribed(transport);
            transports.add(transport);
        }
        long start = System.nanoTime();

        new Drain(connections, polls, Duration.ofMillis(500), Duration.ofMillis(100)).run();

        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        for (Timed transport : transports) {
            assertEquals(List.of(Close.SHUTDOWN), transport.closes);
        }
        List<Long> at = transports.stream()
                .map(t -> TimeUnit.NANOSECONDS.toMillis(t.closedAt - start))
                .sorted()
                .toList();
        assertTrue(at.get(0) < 100, "the first closes at once: " + at);
        assertTrue(at.get(9) >= 400, "the last closes near the end of the window: " + at);
        assertTrue(at.get(4) >= 150 && at.get(4) <= 350, "the middle one in the middle: " + at);
        assertTrue(took < 600 + 100 + 200, "the drain ends with its connections: " + took + " ms");
        assertEquals(0, connections.size());
        assertEquals(0, hub.subscriptions());
    }

    @Test
    void aRetiredConnectionGetsWhatWaitsForItThenNothingMoreThenItsClose() {
        RecordingTransport transport = RecordingTransport.manual();
        subscribed(transport);
        publish(1);
        publish(2);
        assertEquals(1, transport.inFlight(), "one write in flight, the rest waits behind it");

        connections.retire(connections.snapshot().get(0));
        publish(3);
        while (transport.inFlight() > 0) {
            assertEquals(List.of(), transport.closes, "not closed while a write is in flight");
            transport.complete();
        }

        assertEquals(List.of(Close.SHUTDOWN), transport.closes);
        List<String> frames = transport.frames();
        assertTrue(frames.get(frames.size() - 2).contains("\"data\":1"), frames.toString());
        assertTrue(frames.get(frames.size() - 1).contains("\"data\":2"), "nothing after 2: " + frames);
        assertEquals(0, connections.size());
    }

    @Test
    void aClientThatDoesNotTakeItsLastWritesIsClosedAfterTheWriteTimeout() {
        RecordingTransport transport = RecordingTransport.manual();
        subscribed(transport);
        publish(1);
        long start = System.nanoTime();

        new Drain(connections, polls, Duration.ZERO, Duration.ofMillis(200)).run();

        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(List.of(Close.SHUTDOWN), transport.closes);
        assertTrue(took >= 200 && took < 1_000, took + " ms");
    }

    @Test
    void refusesNewConnectionsAndAnswersWaitingPollsAtOnce() {
        publish(1);
        String epoch = broker.recover(news, null).position().epoch();
        List<PollAnswer> answers = new ArrayList<>();
        Waiter waiter = polls.waiter(polls.cursor("news:a~1~" + epoch), "127.0.0.1", answers::add);
        waiter.start();

        new Drain(connections, polls, Duration.ZERO, Duration.ZERO).run();

        assertEquals(1, answers.size(), "the waiting poll is answered");
        assertTrue(answers.get(0).isEmpty());
        assertTrue(connections.shuttingDown(), "readiness is down");
        RecordingTransport late = RecordingTransport.immediate();
        connections.open(late, Identity.ANONYMOUS, null);
        assertEquals(List.of(Close.SHUTDOWN), late.closes);
        Refusal stream = assertThrows(
                Refusal.class, () -> connections.listen(RecordingTransport.immediate(), Identity.ANONYMOUS, null));
        assertEquals(ErrorCode.UNAVAILABLE, stream.code());
        Refusal poll = assertThrows(
                Refusal.class, () -> polls.waiter(polls.cursor("news:a~1~" + epoch), "127.0.0.1", a -> {}));
        assertEquals(ErrorCode.UNAVAILABLE, poll.code());
    }
}
