package io.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hub and Subscription")
class HubTest {

    private final ChannelName news = new ChannelName("news", "sports");
    private final ChannelName other = new ChannelName("news", "weather");
    private final Follows broker = new Follows();
    private final Hub hub = new Hub(broker);

    private Publication publication(ChannelName channel, long offset) {
        return new Publication(
                channel, offset, "epoch-1", "id-" + offset, "score", Json.createValue(offset), 1000 + offset);
    }

    private CollectingSubscriber live(ChannelName channel) {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        hub.subscribe(channel, subscriber).goLive(new Frame("reply"));
        subscriber.sent.clear();
        subscriber.frames.clear();
        subscriber.published.clear();
        return subscriber;
    }

    private static long offsetOf(String frame) {
        return Json.createReader(new StringReader(frame))
                .readObject()
                .getJsonNumber("offset")
                .longValue();
    }

    @Test
    void aLiveSubscriberReceivesPublicationsInOrderAsPublicationFrames() {
        CollectingSubscriber subscriber = live(news);

        hub.deliver(publication(news, 1));
        hub.deliver(publication(news, 2));
        hub.deliver(publication(news, 3));

        assertEquals(
                List.of(1L, 2L, 3L),
                subscriber.frames.stream().map(HubTest::offsetOf).toList());
        JsonObject first =
                Json.createReader(new StringReader(subscriber.frames.get(0))).readObject();
        assertEquals("publication", first.getString("type"));
        assertEquals("news:sports", first.getString("channel"));
        assertEquals("epoch-1", first.getString("epoch"));
        assertEquals("id-1", first.getString("id"));
        assertEquals("score", first.getString("event"));
        assertEquals(1, first.getInt("data"));
        assertEquals(1001, first.getJsonNumber("ts").longValue());
        subscriber.published.forEach(published -> assertNotEquals(0L, published));
        assertEquals(news, subscriber.sent.get(0).channel(), "the frame moves its channel...");
        assertEquals(new Position(1, "epoch-1"), subscriber.sent.get(0).position(), "...to the publication's position");
    }

    @Test
    void encodesAPublicationOnceForAllSubscribers() {
        CollectingSubscriber first = live(news);
        CollectingSubscriber second = live(news);

        hub.deliver(publication(news, 1));

        assertEquals(1, first.sent.size());
        assertSame(first.sent.get(0), second.sent.get(0));
    }

    @Test
    void deliversOnlyToSubscribersOfThePublicationsChannel() {
        CollectingSubscriber sports = live(news);
        CollectingSubscriber weather = live(other);

        hub.deliver(publication(news, 1));

        assertEquals(1, sports.frames.size());
        assertEquals(List.of(), weather.frames);
    }

    @Test
    void holdsPublicationsWhileRecoveringThenSendsTheReplyFirstAndOnlyWhatItDidNotCover() {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        Subscription subscription = hub.subscribe(news, subscriber);

        hub.deliver(publication(news, 1));
        hub.deliver(publication(news, 2));
        hub.deliver(publication(news, 3));
        assertEquals(List.of(), subscriber.frames, "nothing before goLive");

        subscription.goLive(new Frame("the reply", news, new Position(2, "epoch-1")));
        hub.deliver(publication(news, 4));

        assertEquals("the reply", subscriber.frames.get(0));
        assertEquals(0L, subscriber.published.get(0));
        assertEquals(
                List.of(3L, 4L),
                subscriber.frames.subList(1, 3).stream().map(HubTest::offsetOf).toList());
        assertEquals(3, subscriber.frames.size());
    }

    @Test
    void goLiveWithNothingHeldSendsOnlyTheReply() {
        CollectingSubscriber subscriber = new CollectingSubscriber();

        hub.subscribe(news, subscriber).goLive(new Frame("the reply"));

        assertEquals(List.of("the reply"), subscriber.frames);
    }

    @Test
    void unsubscribeStopsDelivery() {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        Subscription subscription = hub.subscribe(news, subscriber);
        subscription.goLive(new Frame("reply"));
        hub.deliver(publication(news, 1));

        hub.unsubscribe(subscription);
        hub.deliver(publication(news, 2));

        assertEquals(2, subscriber.frames.size());
        assertEquals(1, offsetOf(subscriber.frames.get(1)));
    }

    @Test
    void countsSubscriptionsAndKnowsWhichChannelsHaveSubscribers() {
        assertFalse(hub.hasSubscribers(news));
        assertEquals(0, hub.subscriptions());

        Subscription first = hub.subscribe(news, new CollectingSubscriber());
        Subscription second = hub.subscribe(news, new CollectingSubscriber());
        Subscription third = hub.subscribe(other, new CollectingSubscriber());
        assertTrue(hub.hasSubscribers(news));
        assertTrue(hub.hasSubscribers(other));
        assertEquals(3, hub.subscriptions());

        hub.unsubscribe(first);
        assertTrue(hub.hasSubscribers(news));
        hub.unsubscribe(second);
        hub.unsubscribe(second);
        assertFalse(hub.hasSubscribers(news));
        assertEquals(1, hub.subscriptions());
        assertEquals(other, third.channel());
    }

    @Test
    void theSameSubscriberMaySubscribeToSeveralChannels() {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        hub.subscribe(news, subscriber).goLive(new Frame("r1"));
        hub.subscribe(other, subscriber).goLive(new Frame("r2"));

        hub.deliver(publication(other, 7));

        assertEquals(List.of("r1", "r2"), subscriber.frames.subList(0, 2));
        assertEquals(7, offsetOf(subscriber.frames.get(2)));
    }

    @Test
    void aPublicationDeliveredTwiceReachesTheSubscriberOnceButANewEpochAlwaysPasses() {
        CollectingSubscriber subscriber = new CollectingSubscriber();
        hub.subscribe(news, subscriber).goLive(new Frame("reply", news, new Position(1, "epoch-1")));

        hub.deliver(publication(news, 1));
        hub.deliver(publication(news, 2));
        hub.deliver(publication(news, 2));
        hub.deliver(new Publication(news, 1, "epoch-2", "id-new", "score", Json.createValue(1), 5000));

        assertEquals(
                List.of(2L, 1L),
                subscriber.frames.subList(1, 3).stream().map(HubTest::offsetOf).toList());
        assertEquals(3, subscriber.frames.size());
    }

    @Test
    void theBrokerIsToldToFollowAChannelOnItsFirstSubscriberAndToUnfollowItAfterItsLast() {
        Subscription one = hub.subscribe(news, new CollectingSubscriber());
        Subscription two = hub.subscribe(news, new CollectingSubscriber());
        hub.unsubscribe(one);
        assertEquals(List.of("follow news:sports"), broker.calls);

        hub.unsubscribe(two);
        hub.unsubscribe(two);
        hub.subscribe(news, new CollectingSubscriber());

        assertEquals(List.of("follow news:sports", "unfollow news:sports", "follow news:sports"), broker.calls);
        assertSame(hub, broker.listener);
    }

    /** Records what the hub asks of its broker; the tests above deliver to the hub themselves. */
    private static final class Follows implements Broker {
        final List<String> calls = new ArrayList<>();
        Listener listener;

        @Override
        public void follow(ChannelName channel, Listener listener) {
            calls.add("follow " + channel);
            this.listener = listener;
        }

        @Override
        public void unfollow(ChannelName channel) {
            calls.add("unfollow " + channel);
        }

        @Override
        public Published publish(ChannelName channel, Publish request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Recovery recover(ChannelName channel, Position since) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean ready() {
            return true;
        }
    }
}
