package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.OpenNamespace;
import io.herald.connection.entity.Close;
import io.herald.connection.entity.Limits;
import io.herald.delivery.control.Hub;
import io.herald.delivery.control.MemoryBroker;
import io.herald.delivery.control.Publisher;
import io.herald.metrics.control.Meters;
import io.herald.security.control.Tickets;
import io.herald.security.entity.Identity;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Commands (herald.v1 client frames)")
class CommandsTest {

    private static final int MAX_CHANNELS = 3;

    private final Namespaces namespaces = new Namespaces(
            Map.of(
                    "demo", OpenNamespace.of("demo", 10, Duration.ofMinutes(5), true),
                    "news", OpenNamespace.of("news", 10, Duration.ofMinutes(5), false)),
            255);
    private final MemoryBroker broker = new MemoryBroker(namespaces, Duration.ofMinutes(5), 100, Clock.systemUTC());
    private final Hub hub = new Hub(broker);
    private final Publisher publisher = new Publisher(namespaces, broker, 1024, 64, () -> false);
    private final Limits limits =
            new Limits(65536, MAX_CHANNELS, 1_000_000, 65536, Duration.ofSeconds(25), Duration.ofSeconds(60), 100);
    private final Connections connections = UnlimitedConnections.of(limits, hub);
    /** No ticket was issued, so every refresh is refused. */
    private final Commands commands = new Commands(
            namespaces,
            hub,
            broker,
            publisher,
            limits,
            Meters.none(),
            new Tickets(Duration.ofSeconds(30), System::nanoTime)::redeem);

    private final RecordingTransport transport = RecordingTransport.immediate();
    private Connection connection;

    @BeforeEach
    void open() {
        connection = connections.open(transport, Identity.ANONYMOUS, null);
    }

    /** Handles one client frame and returns the frames the server wrote in answer. */
    private List<JsonObject> handle(Connection to, RecordingTransport on, String text) {
        commands.handle(to, text);
        return on.next();
    }

    /** Handles one client frame and returns the one frame the server wrote in answer. */
    private JsonObject reply(String text) {
        commands.handle(connection, text);
        return transport.single();
    }

    private JsonObject subscribe(String channel) {
        return reply("{\"type\":\"subscribe\",\"channel\":\"" + channel + "\"}");
    }

    private static void assertError(String code, JsonObject frame) {
        assertEquals("error", frame.getString("type"), frame::toString);
        assertEquals(code, frame.getString("code"), frame::toString);
        assertFalse(frame.getString("message").isEmpty());
    }

    @Test
    void theFirstFrameOfAConnectionIsConnected() {
        JsonObject connected = transport.single();

        assertEquals("connected", connected.getString("type"));
        assertEquals(connection.id(), connected.getString("client"));
        assertEquals("herald.v1", connected.getString("protocol"));
        assertEquals(25_000, connected.getInt("heartbeat"));
        assertEquals(60_000, connected.getInt("timeout"));
    }

    @Nested
    @DisplayName("with the connected frame read")
    class Connected {

        @BeforeEach
        void skipConnected() {
            transport.next();
        }

        @Test
        void subscribeAnswersSubscribedWithRefPositionAndRecoveredFalse() {
            JsonObject subscribed = reply("{\"type\":\"subscribe\",\"channel\":\"demo:room\",\"ref\":\"s1\"}");

            assertEquals("subscribed", subscribed.getString("type"));
            assertEquals("s1", subscribed.getString("ref"));
            assertEquals("demo:room", subscribed.getString("channel"));
            assertFalse(subscribed.getBoolean("recovered"));
            assertEquals(0, subscribed.getJsonNumber("offset").longValue());
            assertFalse(subscribed.getString("epoch").isEmpty());
            assertEquals(0, subscribed.getJsonArray("publications").size());
        }

        @Test
        void echoesANumericRef() {
            assertEquals(
                    7,
                    reply("{\"type\":\"subscribe\",\"channel\":\"demo:room\",\"ref\":7}")
                            .getInt("ref"));
        }

        @Test
        void aSubscriberReceivesWhatAnotherClientPublishes() {
            subscribe("demo:room");
            RecordingTransport otherTransport = RecordingTransport.immediate();
            Connection other = connections.open(otherTransport, Identity.ANONYMOUS, null);
            otherTransport.next();

            List<JsonObject> answer = handle(
                    other,
                    otherTransport,
                    "{\"type\":\"publish\",\"channel\":\"demo:room\",\"event\":\"msg\",\"data\":{\"text\":\"hi\"}}");
            JsonObject publication = transport.single();

            assertEquals("published", answer.get(0).getString("type"));
            assertEquals("publication", publication.getString("type"));
            assertEquals("demo:room", publication.getString("channel"));
            assertEquals(1, publication.getInt("offset"));
            assertEquals("msg", publication.getString("event"));
            assertEquals("hi", publication.getJsonObject("data").getString("text"));
            assertEquals(answer.get(0).getString("id"), publication.getString("id"));
        }

        @Test
        void publishWhereClientsMayAnswersPublished() {
            JsonObject published =
                    reply("{\"type\":\"publish\",\"channel\":\"demo:room\",\"data\":{\"text\":\"hi\"},\"ref\":2}");

            assertEquals("published", published.getString("type"));
            assertEquals(2, published.getInt("ref"));
            assertEquals("demo:room", published.getString("channel"));
            assertEquals(1, published.getJsonNumber("offset").longValue());
            assertFalse(published.getString("epoch").isEmpty());
            assertFalse(published.getString("id").isEmpty());
            assertFalse(published.getBoolean("duplicate"));
        }

        @Test
        void publishWithTheSameIdempotencyKeyIsAnsweredAsDuplicate() {
            String frame = "{\"type\":\"publish\",\"channel\":\"demo:room\",\"data\":1,\"idempotencyKey\":\"k\"}";
            JsonObject first = reply(frame);
            JsonObject again = reply(frame);

            assertTrue(again.getBoolean("duplicate"));
            assertEquals(first.getString("id"), again.getString("id"));
            assertEquals(1, again.getInt("offset"));
        }

        @Test
        void publishWhereClientsMayNotIsForbidden() {
            JsonObject error = reply("{\"type\":\"publish\",\"channel\":\"news:a\",\"data\":1,\"ref\":\"p\"}");

            assertError("publish_forbidden", error);
            assertEquals("p", error.getString("ref"));
        }

        @Test
        void publishWithoutDataIsMissingField() {
            assertError("missing_field", reply("{\"type\":\"publish\",\"channel\":\"demo:room\"}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{not json", "", "   ", "{\"type\":", "[1,2]", "\"ping\"", "42", "null"})
        void malformedFramesAreAnsweredAndTheConnectionStaysOpen(String text) {
            JsonObject error = reply(text);

            assertError("malformed", error);
            assertFalse(error.containsKey("ref"));
            assertEquals(List.of(), transport.closes);
            assertEquals(1, connections.size());
            assertEquals("pong", reply("{\"type\":\"ping\"}").getString("type"));
        }

        @Test
        void anUnknownTypeIsRefused() {
            JsonObject error = reply("{\"type\":\"hello\",\"ref\":\"h\"}");

            assertError("unknown_type", error);
            assertEquals("h", error.getString("ref"));
        }

        @Test
        void aMissingTypeIsAMissingField() {
            assertError("missing_field", reply("{\"channel\":\"demo:room\"}"));
        }

        @Test
        void aMissingChannelIsAMissingField() {
            assertError("missing_field", reply("{\"type\":\"subscribe\"}"));
            assertError("missing_field", reply("{\"type\":\"subscribe\",\"channel\":null}"));
        }

        @Test
        void aChannelThatIsNotAStringIsAnInvalidField() {
            assertError("invalid_field", reply("{\"type\":\"subscribe\",\"channel\":42}"));
            assertError("invalid_field", reply("{\"type\":\"subscribe\",\"channel\":[\"demo:room\"]}"));
        }

        @Test
        void aBadChannelNameIsAnInvalidChannel() {
            assertError("invalid_channel", subscribe("demo"));
            assertError("invalid_channel", subscribe("Demo:room"));
        }

        @Test
        void anUnknownNamespaceIsRefused() {
            JsonObject error = reply("{\"type\":\"subscribe\",\"channel\":\"sports:x\",\"ref\":1}");

            assertError("unknown_namespace", error);
            assertEquals(1, error.getInt("ref"));
            assertEquals(0, hub.subscriptions());
        }

        @Test
        void anInvalidRefIsAnInvalidFieldWithoutRef() {
            JsonObject error = reply("{\"type\":\"ping\",\"ref\":{\"a\":1}}");
            JsonObject tooLong = reply("{\"type\":\"ping\",\"ref\":\"" + "r".repeat(65) + "\"}");

            assertError("invalid_field", error);
            assertFalse(error.containsKey("ref"));
            assertError("invalid_field", tooLong);
        }

        @Test
        void subscribingPastMaxChannelsIsRefusedUntilOneIsLeft() {
            for (int i = 0; i < MAX_CHANNELS; i++) {
                assertEquals("subscribed", subscribe("demo:c" + i).getString("type"));
            }

            assertError("too_many_channels", subscribe("demo:one-more"));
            assertEquals(MAX_CHANNELS, hub.subscriptions());

            reply("{\"type\":\"unsubscribe\",\"channel\":\"demo:c0\"}");
            assertEquals("subscribed", subscribe("demo:one-more").getString("type"));
        }

        @Test
        void subscribingTwiceToAChannelIsRefused() {
            subscribe("demo:room");

            assertError("already_subscribed", subscribe("demo:room"));
            assertEquals(1, hub.subscriptions());
        }

        @Test
        void unsubscribeAnswersUnsubscribedAndStopsDelivery() {
            subscribe("demo:room");

            JsonObject unsubscribed = reply("{\"type\":\"unsubscribe\",\"channel\":\"demo:room\",\"ref\":\"u\"}");
            commands.handle(connection, "{\"type\":\"publish\",\"channel\":\"demo:room\",\"data\":1}");

            assertEquals("unsubscribed", unsubscribed.getString("type"));
            assertEquals("u", unsubscribed.getString("ref"));
            assertEquals("demo:room", unsubscribed.getString("channel"));
            assertEquals("published", transport.single().getString("type"), "no publication frame any more");
            assertFalse(hub.hasSubscribers(namespaces.channel("demo:room")));
        }

        @Test
        void unsubscribeWhenNotSubscribedIsRefused() {
            assertError("not_subscribed", reply("{\"type\":\"unsubscribe\",\"channel\":\"demo:room\"}"));
        }

        @Test
        void pingIsAnsweredWithPongAndTheSameRef() {
            JsonObject pong = reply("{\"type\":\"ping\",\"ref\":\"abc\"}");
            JsonObject bare = reply("{\"type\":\"ping\"}");

            assertEquals("pong", pong.getString("type"));
            assertEquals("abc", pong.getString("ref"));
            assertFalse(bare.containsKey("ref"));
        }

        @Test
        void pongIsNotAnswered() {
            commands.handle(connection, "{\"type\":\"pong\"}");

            assertEquals(List.of(), transport.next());
        }

        @Test
        void resubscribingWithAPositionReturnsTheMissedPublicationsInTheSubscribedFrame() {
            String epoch = subscribe("demo:room").getString("epoch");
            String publish = "{\"type\":\"publish\",\"channel\":\"demo:room\",\"data\":%d}";
            commands.handle(connection, publish.formatted(1));
            commands.handle(connection, publish.formatted(2));
            transport.next();
            reply("{\"type\":\"unsubscribe\",\"channel\":\"demo:room\"}");
            commands.handle(connection, publish.formatted(3));
            commands.handle(connection, publish.formatted(4));
            transport.next();

            JsonObject subscribed = reply("{\"type\":\"subscribe\",\"channel\":\"demo:room\",\"ref\":9,"
                    + "\"since\":{\"offset\":2,\"epoch\":\"" + epoch + "\"}}");

            assertEquals("subscribed", subscribed.getString("type"));
            assertEquals(9, subscribed.getInt("ref"));
            assertTrue(subscribed.getBoolean("recovered"));
            assertEquals(4, subscribed.getInt("offset"));
            assertEquals(epoch, subscribed.getString("epoch"));
            List<JsonObject> missed = subscribed.getJsonArray("publications").getValuesAs(JsonObject.class);
            assertEquals(
                    List.of(3, 4), missed.stream().map(p -> p.getInt("offset")).toList());
            assertEquals(
                    List.of(3, 4), missed.stream().map(p -> p.getInt("data")).toList());
            assertEquals("publication", missed.get(0).getString("type"));
        }

        @Test
        void subscribingWithAnUnknownEpochIsNotRecovered() {
            commands.handle(connection, "{\"type\":\"publish\",\"channel\":\"demo:room\",\"data\":1}");
            transport.next();

            JsonObject subscribed = reply(
                    "{\"type\":\"subscribe\",\"channel\":\"demo:room\",\"since\":{\"offset\":0,\"epoch\":\"old\"}}");

            assertFalse(subscribed.getBoolean("recovered"));
            assertEquals(1, subscribed.getInt("offset"));
            assertEquals(0, subscribed.getJsonArray("publications").size());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"2\"",
                    "[]",
                    "{\"offset\":-1,\"epoch\":\"e\"}",
                    "{\"offset\":1.5,\"epoch\":\"e\"}",
                    "{\"offset\":\"1\",\"epoch\":\"e\"}",
                    "{\"epoch\":\"e\"}",
                    "{\"offset\":1,\"epoch\":5}",
                    "{\"offset\":18446744073709551617,\"epoch\":\"e\"}"
                })
        void anInvalidSinceIsAnInvalidField(String since) {
            assertError(
                    "invalid_field",
                    reply("{\"type\":\"subscribe\",\"channel\":\"demo:room\",\"since\":" + since + "}"));
            assertEquals(0, hub.subscriptions());
        }

        @Test
        void aSinceWithoutEpochIsAMissingField() {
            assertError(
                    "missing_field",
                    reply("{\"type\":\"subscribe\",\"channel\":\"demo:room\",\"since\":{\"offset\":1}}"));
        }

        @Test
        void closingTheConnectionEndsItsSubscriptions() {
            subscribe("demo:a");
            subscribe("demo:b");

            connections.close(connection, Close.SHUTDOWN);

            assertEquals(0, hub.subscriptions());
            assertEquals(List.of(Close.SHUTDOWN), transport.closes);
        }
    }
}
