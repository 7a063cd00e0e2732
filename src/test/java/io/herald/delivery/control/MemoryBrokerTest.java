package io.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.OpenNamespace;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("MemoryBroker")
class MemoryBrokerTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final Duration KEY_WINDOW = Duration.ofMinutes(5);

    private final ChannelName a = new ChannelName("news", "a");
    private final ChannelName b = new ChannelName("news", "b");
    private final ChannelName noHistory = new ChannelName("live", "x");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final MemoryBroker broker = new MemoryBroker(
            new Namespaces(
                    Map.of(
                            "news", OpenNamespace.of("news", 3, TTL, false),
                            "live", OpenNamespace.of("live", 0, TTL, false)),
                    255),
            KEY_WINDOW,
            100,
            clock);
    private final Hub hub = new Hub(broker);

    private Publication publish(ChannelName channel) {
        return publish(channel, null).publication();
    }

    private Published publish(ChannelName channel, String key) {
        return broker.publish(channel, new Publish(channel.toString(), "e", Json.createValue("d"), key));
    }

    private static List<Long> offsets(Recovery recovery) {
        return recovery.missed().stream().map(Publication::offset).toList();
    }

    @Nested
    @DisplayName("offsets")
    class Offsets {

        @Test
        void strictlyIncreaseFromOnePerChannel() {
            Publication first = publish(a);
            Publication second = publish(a);
            Publication third = publish(a);
            Publication otherChannel = publish(b);

            assertEquals(List.of(1L, 2L, 3L), List.of(first.offset(), second.offset(), third.offset()));
            assertEquals(1, otherChannel.offset());
            assertEquals(first.epoch(), third.epoch());
            assertNotEquals(first.epoch(), otherChannel.epoch());
            assertNotEquals(first.id(), second.id());
        }

        @Test
        void recordWhatWasPublishedAndWhen() {
            Publication publication = broker.publish(
                            a,
                            new Publish(
                                    "news:a",
                                    "score",
                                    Json.createObjectBuilder().add("home", 2).build()))
                    .publication();

            assertEquals(a, publication.channel());
            assertEquals("score", publication.event());
            assertEquals(2, publication.data().asJsonObject().getInt("home"));
            assertEquals(clock.millis(), publication.timestamp());
            assertNotNull(publication.id());
        }
    }

    @Nested
    @DisplayName("recover")
    class Recover {

        @Test
        void withoutPositionIsNotRecoveredAndTellsTheCurrentPosition() {
            publish(a);
            Publication top = publish(a);

            Recovery recovery = broker.recover(a, null);

            assertFalse(recovery.recovered());
            assertEquals(top.position(), recovery.position());
            assertEquals(List.of(), recovery.missed());
        }

        @Test
        void ofANewChannelStartsTheEpochThatPublicationsThenUse() {
            Recovery recovery = broker.recover(a, null);
            Publication first = publish(a);

            assertEquals(0, recovery.position().offset());
            assertEquals(new Position(1, recovery.position().epoch()), first.position());
        }

        @Test
        void fromAnEarlierPositionReturnsExactlyTheMissedPublicationsInOrder() {
            Publication first = publish(a);
            Publication second = publish(a);
            Publication third = publish(a);

            Recovery recovery = broker.recover(a, first.position());

            assertTrue(recovery.recovered());
            assertEquals(List.of(second, third), recovery.missed());
            assertEquals(third.position(), recovery.position());
        }

        @Test
        void fromOffsetZeroOfTheEpochReturnsEverythingStillRetained() {
            String epoch = broker.recover(a, null).position().epoch();
            Publication first = publish(a);
            Publication second = publish(a);

            Recovery recovery = broker.recover(a, new Position(0, epoch));

            assertTrue(recovery.recovered());
            assertEquals(List.of(first, second), recovery.missed());
        }

        @Test
        void fromTheCurrentTopIsRecoveredWithNothingMissed() {
            publish(a);
            Publication top = publish(a);

            Recovery recovery = broker.recover(a, top.position());

            assertTrue(recovery.recovered());
            assertEquals(List.of(), recovery.missed());
            assertEquals(top.position(), recovery.position());
        }

        @Test
        void beyondTheHistorySizeIsNotRecovered() {
            Publication first = publish(a);
            Publication second = publish(a);
            for (int i = 0; i < 3; i++) {
                publish(a); // history keeps 3: offsets 3, 4, 5
            }

            Recovery tooOld = broker.recover(a, first.position());
            Recovery justInside = broker.recover(a, second.position());

            assertFalse(tooOld.recovered());
            assertEquals(List.of(), tooOld.missed());
            assertEquals(5, tooOld.position().offset());
            assertTrue(justInside.recovered());
            assertEquals(List.of(3L, 4L, 5L), offsets(justInside));
        }

        @Test
        void afterTheHistoryTtlIsNotRecovered() {
            Publication first = publish(a);
            publish(a);

            clock.advance(TTL.plusMillis(1));
            Recovery recovery = broker.recover(a, first.position());

            assertFalse(recovery.recovered());
            assertEquals(List.of(), recovery.missed());
            assertEquals(2, recovery.position().offset());
        }

        @Test
        void atExactlyTheHistoryTtlIsStillRecovered() {
            Publication first = publish(a);
            publish(a);

            clock.advance(TTL);

            assertEquals(List.of(2L), offsets(broker.recover(a, first.position())));
        }

        @Test
        void whenOnlyOlderPublicationsExpiredRecoversFromTheRetainedOnes() {
            Publication first = publish(a);
            clock.advance(Duration.ofSeconds(40));
            publish(a);
            clock.advance(Duration.ofSeconds(30)); // first is 70 s old, second 30 s

            Recovery fromFirst = broker.recover(a, first.position());
            Recovery fromStart = broker.recover(a, new Position(0, first.epoch()));

            assertTrue(fromFirst.recovered());
            assertEquals(List.of(2L), offsets(fromFirst));
            assertFalse(fromStart.recovered());
        }

        @Test
        void withAnotherEpochIsNotRecovered() {
            Publication first = publish(a);
            publish(a);

            Recovery recovery = broker.recover(a, new Position(first.offset(), "another-epoch"));

            assertFalse(recovery.recovered());
            assertEquals(List.of(), recovery.missed());
            assertEquals(new Position(2, first.epoch()), recovery.position());
        }

        @Test
        void fromAnOffsetBeyondTheTopIsNotRecovered() {
            Publication top = publish(a);

            Recovery recovery = broker.recover(a, new Position(top.offset() + 1, top.epoch()));

            assertFalse(recovery.recovered());
            assertEquals(top.position(), recovery.position());
        }

        @Test
        void inANamespaceWithoutHistoryIsOnlyRecoveredAtTheTop() {
            Publication first = broker.publish(noHistory, new Publish("live:x", null, JsonValue.TRUE))
                    .publication();
            Publication second = broker.publish(noHistory, new Publish("live:x", null, JsonValue.TRUE))
                    .publication();

            assertEquals(2, second.offset());
            assertFalse(broker.recover(noHistory, first.position()).recovered());
            assertFalse(
                    broker.recover(noHistory, new Position(0, first.epoch())).recovered());
            assertFalse(broker.recover(noHistory, null).recovered());
            Recovery atTop = broker.recover(noHistory, second.position());
            assertTrue(atTop.recovered());
            assertEquals(List.of(), atTop.missed());
        }
    }

    @Nested
    @DisplayName("idempotency keys")
    class Idempotency {

        @Test
        void sameKeyInTheSameChannelReturnsTheFirstPublicationAsDuplicate() {
            Published first = publish(a, "key-1");
            Published again = broker.publish(a, new Publish("news:a", "other", Json.createValue("changed"), "key-1"));

            assertFalse(first.duplicate());
            assertTrue(again.duplicate());
            assertEquals(first.publication(), again.publication());
            assertEquals(2, publish(a).offset(), "a duplicate takes no offset");
            assertEquals(
                    List.of(1L, 2L),
                    offsets(broker.recover(
                            a, new Position(0, first.publication().epoch()))));
        }

        @Test
        void aDuplicateIsNotDeliveredAgain() {
            CollectingSubscriber subscriber = new CollectingSubscriber();
            hub.subscribe(a, subscriber).goLive(new io.herald.delivery.entity.Frame("reply"));

            publish(a, "key-1");
            publish(a, "key-1");

            assertEquals(2, subscriber.frames.size(), "reply and one publication");
        }

        @Test
        void sameKeyInAnotherChannelIsIndependent() {
            Published inA = publish(a, "key-1");
            Published inB = publish(b, "key-1");

            assertFalse(inB.duplicate());
            assertEquals(1, inB.publication().offset());
            assertEquals(b, inB.publication().channel());
            assertNotEquals(inA.publication().id(), inB.publication().id());
        }

        @Test
        void isRememberedUntilTheWindowEnds() {
            publish(a, "key-1");

            clock.advance(KEY_WINDOW.minusMillis(1));

            assertTrue(publish(a, "key-1").duplicate());
        }

        @Test
        void isForgottenAfterTheWindow() {
            publish(a, "key-1");

            clock.advance(KEY_WINDOW);
            Published later = publish(a, "key-1");

            assertFalse(later.duplicate());
            assertEquals(2, later.publication().offset());
        }
    }

    @Nested
    @DisplayName("delivery")
    class Delivery {

        private List<Long> publicationOffsets(CollectingSubscriber subscriber) {
            return subscriber.frames.stream()
                    .filter(f -> f.contains("\"publication\""))
                    .map(f -> Json.createReader(new StringReader(f))
                            .readObject()
                            .getJsonNumber("offset")
                            .longValue())
                    .toList();
        }

        @Test
        void reachesAChannelsSubscribersWhileItHasSomeAndOnlyThatChannels() {
            CollectingSubscriber first = new CollectingSubscriber();
            Subscription firstSubscription = hub.subscribe(a, first);
            firstSubscription.goLive(new io.herald.delivery.entity.Frame("reply"));
            publish(a);
            publish(b);
            hub.unsubscribe(firstSubscription);
            Publication missedByBoth = publish(a);

            CollectingSubscriber second = new CollectingSubscriber();
            hub.subscribe(a, second).goLive(new io.herald.delivery.entity.Frame("reply", a, missedByBoth.position()));
            publish(a);

            assertEquals(List.of(1L), publicationOffsets(first));
            assertEquals(List.of(3L), publicationOffsets(second));
        }
    }

    @Nested
    @DisplayName("sweep")
    class Sweep {

        @Test
        void forgetsIdleChannelsWithoutSubscribersSoTheNextPublishStartsANewEpoch() {
            Publication before = publish(a);

            clock.advance(Duration.ofHours(2));
            int forgotten = broker.sweep(Duration.ofHours(1));
            Publication after = publish(a);

            assertEquals(1, forgotten);
            assertEquals(1, after.offset());
            assertNotEquals(before.epoch(), after.epoch());
            assertFalse(broker.recover(a, before.position()).recovered());
        }

        @Test
        void keepsChannelsThatHaveSubscribers() {
            hub.subscribe(a, new CollectingSubscriber());
            Publication before = publish(a);

            clock.advance(Duration.ofHours(2));
            int forgotten = broker.sweep(Duration.ofHours(1));
            Publication after = publish(a);

            assertEquals(0, forgotten);
            assertEquals(new Position(2, before.epoch()), after.position());
        }

        @Test
        void keepsChannelsUsedWithinTheIdleTime() {
            Publication before = publish(a);

            clock.advance(Duration.ofMinutes(30));

            assertEquals(0, broker.sweep(Duration.ofHours(1)));
            assertEquals(before.epoch(), publish(a).epoch());
        }
    }
}
