package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.OpenNamespace;
import io.herald.connection.entity.Cursor;
import io.herald.connection.entity.HttpLimits;
import io.herald.connection.entity.Limits;
import io.herald.connection.entity.PollAnswer;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.delivery.control.MutableClock;
import io.herald.delivery.entity.Publish;
import io.herald.metrics.control.Meters;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollsTest {

    private final Namespaces namespaces =
            new Namespaces(Map.of("news", OpenNamespace.of("news", 3, Duration.ofMinutes(5), false)), 255);
    private final MemoryBroker broker = new MemoryBroker(namespaces, Duration.ofMinutes(5), 100, Clock.systemUTC());
    private final Hub hub = new Hub(broker);
    private final Limits limits =
            new Limits(65536, 4, 1_000_000, 65536, Duration.ofSeconds(25), Duration.ofSeconds(60), 100);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Polls polls = new Polls(
            namespaces,
            broker,
            hub,
            limits,
            new HttpLimits(Duration.ofSeconds(25), Duration.ofSeconds(60), 3, 2, Duration.ofSeconds(1)),
            Meters.none(),
            Runnable::run,
            clock);
    private final ChannelName news = new ChannelName("news", "a");

    private String publish(int n) {
        return broker.publish(news, new Publish("news:a", null, Json.createValue(n)))
                .publication()
                .epoch();
    }

    private static List<JsonObject> frames(PollAnswer answer) {
        return answer.frames().stream()
                .map(f -> Json.createReader(new StringReader(f.json())).readObject())
                .toList();
    }

    @Test
    void aChannelWithoutPositionGetsASubscribedFrameAndAPosition() {
        String epoch = publish(1);

        PollAnswer answer = polls.answer(polls.cursor("news:a"));

        JsonObject subscribed = frames(answer).get(0);
        assertEquals("subscribed", subscribed.getString("type"));
        assertFalse(subscribed.getBoolean("recovered"));
        assertEquals("news:a~1~" + epoch, answer.cursor().toString());
    }

    @Test
    void aPositionGetsExactlyTheMissedPublicationsAndNothingWhenUpToDate() {
        String epoch = publish(1);
        publish(2);
        publish(3);

        PollAnswer answer = polls.answer(polls.cursor("news:a~1~" + epoch));

        assertEquals(
                List.of(2, 3),
                frames(answer).stream().map(f -> f.getInt("data")).toList());
        assertEquals("news:a~3~" + epoch, answer.cursor().toString());
        assertTrue(polls.answer(answer.cursor()).isEmpty());
        assertEquals(answer.etag(), polls.answer(answer.cursor()).etag());
    }

    @Test
    void aPositionOutsideTheHistoryGetsSubscribedRecoveredFalse() {
        String epoch = publish(1);
        for (int n = 2; n <= 6; n++) {
            publish(n);
        }

        JsonObject subscribed =
                frames(polls.answer(polls.cursor("news:a~1~" + epoch))).get(0);

        assertEquals("subscribed", subscribed.getString("type"));
        assertFalse(subscribed.getBoolean("recovered"));
        assertEquals(6, subscribed.getInt("offset"));
    }

    @Test
    void aWaiterAnswersOnTheNextPublicationAndLetsGoOfTheChannel() {
        String epoch = publish(1);
        List<PollAnswer> answers = new ArrayList<>();
        Waiter waiter = polls.waiter(polls.cursor("news:a~1~" + epoch), "192.0.2.1", answers::add);
        waiter.start();
        assertTrue(answers.isEmpty());
        assertTrue(hub.hasSubscribers(news));

        publish(2);

        assertEquals(1, answers.size());
        assertEquals("news:a~2~" + epoch, answers.get(0).cursor().toString());
        assertFalse(hub.hasSubscribers(news));
        waiter.expire();
        assertEquals(1, answers.size(), "answered once");
    }

    @Test
    void anExpiredWaiterAnswersEmptyWithTheSameCursor() {
        String epoch = publish(1);
        List<PollAnswer> answers = new ArrayList<>();
        Waiter waiter = polls.waiter(polls.cursor("news:a~1~" + epoch), "192.0.2.1", answers::add);
        waiter.start();

        waiter.expire();

        assertTrue(answers.get(0).isEmpty());
        assertEquals("news:a~1~" + epoch, answers.get(0).cursor().toString());
        assertFalse(hub.hasSubscribers(news));
    }

    @Test
    void waitingPollsAreBoundedAndReleased() {
        Cursor cursor = polls.cursor("news:a~0~" + publish(1));
        Waiter first = polls.waiter(cursor, "192.0.2.1", a -> {});
        polls.waiter(cursor, "192.0.2.2", a -> {});
        polls.waiter(cursor, "192.0.2.3", a -> {});

        assertEquals(
                ErrorCode.UNAVAILABLE,
                assertThrows(Refusal.class, () -> polls.waiter(cursor, "192.0.2.4", a -> {}))
                        .code());
        first.close();
        first.close();
        polls.waiter(cursor, "192.0.2.4", a -> {});
    }

    @Test
    void oneAddressHasItsShareOfThePlacesNotAll() {
        Cursor cursor = polls.cursor("news:a~0~" + publish(1));
        polls.waiter(cursor, "192.0.2.1", a -> {});
        polls.waiter(cursor, "192.0.2.1", a -> {});

        assertEquals(
                ErrorCode.TOO_MANY_CONNECTIONS,
                assertThrows(Refusal.class, () -> polls.waiter(cursor, "192.0.2.1", a -> {}))
                        .code());
        polls.waiter(cursor, "192.0.2.2", a -> {});
    }

    @Test
    void whenFullTheOldestPollThatWaitedLongEnoughGivesItsPlaceUpAndIsAnswered() {
        String epoch = publish(1);
        Cursor cursor = polls.cursor("news:a~1~" + epoch);
        List<PollAnswer> oldest = new ArrayList<>();
        List<PollAnswer> younger = new ArrayList<>();
        polls.waiter(cursor, "192.0.2.1", oldest::add).start();
        clock.advance(Duration.ofMillis(500));
        polls.waiter(cursor, "192.0.2.1", younger::add).start();
        clock.advance(Duration.ofMillis(600));

        // the address is full; its oldest poll has waited 1.1 s: it is answered, with nothing new, and leaves
        Waiter newest = polls.waiter(cursor, "192.0.2.1", a -> {});
        newest.start();

        assertEquals(1, oldest.size());
        assertTrue(oldest.get(0).isEmpty());
        assertEquals("news:a~1~" + epoch, oldest.get(0).cursor().toString());
        assertTrue(younger.isEmpty());
        // the younger one has waited 0.6 s only: the address is full again and nobody may leave yet
        assertEquals(
                ErrorCode.TOO_MANY_CONNECTIONS,
                assertThrows(Refusal.class, () -> polls.waiter(cursor, "192.0.2.1", a -> {}))
                        .code());
        // the node has room for another address
        polls.waiter(cursor, "192.0.2.2", a -> {}).start();
        // now the node is full: its oldest (the younger one, 0.6 s + 0.5 s) makes room
        clock.advance(Duration.ofMillis(500));
        polls.waiter(cursor, "192.0.2.3", a -> {}).start();
        assertEquals(1, younger.size());
        publish(2);
        assertFalse(hub.hasSubscribers(news));
    }

    @Test
    void theWaitIsInSecondsDefaultedAndCapped() {
        assertEquals(Duration.ofSeconds(25), polls.wait(null));
        assertEquals(Duration.ZERO, polls.wait("0"));
        assertEquals(Duration.ofMillis(1500), polls.wait("1.5"));
        assertEquals(Duration.ofSeconds(60), polls.wait("3600"));
        assertEquals(
                ErrorCode.INVALID_FIELD,
                assertThrows(Refusal.class, () -> polls.wait("-1")).code());
        assertEquals(
                ErrorCode.INVALID_FIELD,
                assertThrows(Refusal.class, () -> polls.wait("soon")).code());
    }

    @Test
    void theWaitIsAnyNumberOfSecondsWithoutASign() {
        assertEquals(Duration.ofSeconds(60), polls.wait("1e2"));
        assertEquals(Duration.ofSeconds(5), polls.wait("5E0"));
        assertEquals(Duration.ofMillis(250), polls.wait("2.5e-1"));
        assertEquals(Duration.ofMillis(1234), polls.wait("1.2345"));
        assertEquals(Duration.ZERO, polls.wait("1e-9"), "below a millisecond is a poll");
        assertEquals(Duration.ZERO, polls.wait("0e999999999"));
        assertEquals(Duration.ZERO, polls.wait("1e-999999999"));
        assertEquals(Duration.ofSeconds(60), polls.wait("1e999999999"));
        assertEquals(Duration.ofSeconds(60), polls.wait("12345678"));
        for (String refused :
                new String[] {"-0", "+1", ".5", "1.", "1e", "0x10", "1e9999999999", " 1", "1".repeat(33)}) {
            assertEquals(
                    ErrorCode.INVALID_FIELD,
                    assertThrows(Refusal.class, () -> polls.wait(refused)).code(),
                    refused);
        }
    }
}
