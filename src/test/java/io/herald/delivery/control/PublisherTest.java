package io.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.OpenNamespace;
import io.herald.delivery.control.Publisher.Source;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publish;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Publisher")
class PublisherTest {

    private static final int MAX_DATA = 32;
    private static final int MAX_KEY = 8;

    private final Namespaces namespaces = new Namespaces(
            Map.of(
                    "news", OpenNamespace.of("news", 10, Duration.ofMinutes(1), false),
                    "chat", OpenNamespace.of("chat", 10, Duration.ofMinutes(1), true)),
            255);
    private final MemoryBroker broker = new MemoryBroker(
            namespaces, Duration.ofMinutes(5), 100, new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));
    private final Publisher publisher = new Publisher(namespaces, broker, MAX_DATA, MAX_KEY, () -> false);

    private ErrorCode refusal(Publish request, Source source) {
        return assertThrows(Refusal.class, () -> publisher.publish(request, source))
                .code();
    }

    private long top(String channel) {
        return broker.recover(namespaces.channel(channel), null).position().offset();
    }

    @Test
    void refusesAClientPublishInANamespaceWithoutClientPublish() {
        assertEquals(ErrorCode.PUBLISH_FORBIDDEN, refusal(new Publish("news:a", null, JsonValue.TRUE), Source.CLIENT));
        assertEquals(0, top("news:a"), "nothing was published");
    }

    @Test
    void letsTheSystemPublishInANamespaceWithoutClientPublish() {
        Published published = publisher.publish(new Publish("news:a", null, JsonValue.TRUE), Source.SYSTEM);

        assertEquals(1, published.publication().offset());
    }

    @Test
    void letsAClientPublishWhereClientPublishIsEnabled() {
        Published published = publisher.publish(new Publish("chat:room", "msg", Json.createValue("hi")), Source.CLIENT);

        assertFalse(published.duplicate());
        assertEquals(1, published.publication().offset());
        assertEquals(Json.createValue("hi"), published.publication().data());
    }

    @Test
    void refusesDataLargerThanTheLimit() {
        String big = "x".repeat(MAX_DATA);

        assertEquals(
                ErrorCode.TOO_LARGE, refusal(new Publish("chat:room", null, Json.createValue(big)), Source.SYSTEM));
        assertEquals(0, top("chat:room"));
    }

    @Test
    void acceptsDataAtTheLimitAndAJsonNull() {
        String fits = "x".repeat(MAX_DATA - 2); // the encoded string adds two quotes

        assertEquals(
                1,
                publisher
                        .publish(new Publish("chat:room", null, Json.createValue(fits)), Source.SYSTEM)
                        .publication()
                        .offset());
        assertEquals(
                2,
                publisher
                        .publish(new Publish("chat:room", null, JsonValue.NULL), Source.SYSTEM)
                        .publication()
                        .offset());
    }

    @Test
    void refusesMissingData() {
        assertEquals(ErrorCode.MISSING_FIELD, refusal(new Publish("chat:room", "msg", null), Source.CLIENT));
    }

    @Test
    void refusesAnIdempotencyKeyThatIsEmptyOrTooLong() {
        assertEquals(
                ErrorCode.INVALID_FIELD, refusal(new Publish("chat:room", null, JsonValue.TRUE, ""), Source.SYSTEM));
        assertEquals(
                ErrorCode.INVALID_FIELD,
                refusal(new Publish("chat:room", null, JsonValue.TRUE, "k".repeat(MAX_KEY + 1)), Source.SYSTEM));
        assertEquals(0, top("chat:room"));
    }

    @Test
    void acceptsAnIdempotencyKeyAtTheMaximumLengthAndHonoursIt() {
        Publish request = new Publish("chat:room", null, JsonValue.TRUE, "k".repeat(MAX_KEY));

        publisher.publish(request, Source.CLIENT);

        assertEquals(true, publisher.publish(request, Source.CLIENT).duplicate());
    }

    @Test
    void refusesAnEventLongerThan128Characters() {
        assertEquals(
                ErrorCode.INVALID_FIELD,
                refusal(new Publish("chat:room", "e".repeat(129), JsonValue.TRUE), Source.SYSTEM));
        assertEquals(
                1,
                publisher
                        .publish(new Publish("chat:room", "e".repeat(128), JsonValue.TRUE), Source.SYSTEM)
                        .publication()
                        .offset());
    }

    @Test
    void refusesInvalidChannelsAndUnknownNamespaces() {
        assertEquals(ErrorCode.INVALID_CHANNEL, refusal(new Publish("chat", null, JsonValue.TRUE), Source.SYSTEM));
        assertEquals(ErrorCode.MISSING_FIELD, refusal(new Publish(null, null, JsonValue.TRUE), Source.SYSTEM));
        assertEquals(
                ErrorCode.UNKNOWN_NAMESPACE, refusal(new Publish("sports:x", null, JsonValue.TRUE), Source.SYSTEM));
    }

    @Test
    void refusesWhileTheBrokerIsNotReady() {
        Broker down = new Broker() {
            @Override
            public Published publish(ChannelName channel, Publish request) {
                throw new AssertionError("must not be called");
            }

            @Override
            public Recovery recover(ChannelName channel, Position since) {
                throw new AssertionError("must not be called");
            }

            @Override
            public boolean ready() {
                return false;
            }

            @Override
            public void follow(ChannelName channel, Listener listener) {
                throw new AssertionError("must not be called");
            }

            @Override
            public void unfollow(ChannelName channel) {
                throw new AssertionError("must not be called");
            }
        };
        Publisher unavailable = new Publisher(namespaces, down, MAX_DATA, MAX_KEY, () -> false);

        assertEquals(
                ErrorCode.UNAVAILABLE,
                assertThrows(
                                Refusal.class,
                                () -> unavailable.publish(
                                        new Publish("chat:room", null, JsonValue.TRUE), Source.SYSTEM))
                        .code());
    }

    @Test
    void anOverloadedNodeRefusesEveryPublisherAndStoresNothing() {
        Publisher overloaded = new Publisher(namespaces, broker, MAX_DATA, MAX_KEY, () -> true);

        for (Source source : Source.values()) {
            assertEquals(
                    ErrorCode.OVERLOADED,
                    assertThrows(
                                    Refusal.class,
                                    () -> overloaded.publish(new Publish("chat:room", null, JsonValue.TRUE), source))
                            .code());
        }
        assertEquals(0, top("chat:room"));
    }
}
