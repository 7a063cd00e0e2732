package io.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Published;
import io.herald.delivery.entity.Recovery;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The wire form of positions, and the position each frame moves (what SSE event ids are made of). */
@DisplayName("DeliveryJson")
class DeliveryJsonTest {

    private static final ChannelName CHANNEL = new ChannelName("news", "a");

    /** Data that looks like a frame head must not be taken for one. */
    private static Publication publication(long offset) {
        return new Publication(
                CHANNEL,
                offset,
                "E1",
                "id" + offset,
                "e",
                Json.createObjectBuilder()
                        .add("channel", "fake:x")
                        .add("offset", 99)
                        .build(),
                1L);
    }

    private static JsonObject json(Frame frame) {
        return Json.createReader(new StringReader(frame.json())).readObject();
    }

    @Test
    void aPublicationMovesItsChannelToItsOffset() {
        Frame frame = DeliveryJson.publication(publication(7));

        assertEquals(CHANNEL, frame.channel());
        assertEquals(new Position(7, "E1"), frame.position());
        assertEquals(
                "{\"type\":\"publication\",\"channel\":\"news:a\",\"offset\":7,\"epoch\":\"E1\",\"id\":\"id7\","
                        + "\"event\":\"e\",\"data\":{\"channel\":\"fake:x\",\"offset\":99},\"ts\":1}",
                frame.json());
    }

    @Test
    void aSubscribedFrameMovesItsChannelToTheCurrentPositionWhateverItsRefAndPublications() {
        Recovery recovery = new Recovery(new Position(9, "E1"), true, List.of(publication(8), publication(9)));
        JsonValue ref = Json.createValue("\"channel\":\"x:y\"");

        Frame recovered = DeliveryJson.subscribed(ref, CHANNEL, recovery);
        Frame fresh = DeliveryJson.subscribed(null, CHANNEL, new Recovery(new Position(0, "E2"), false, List.of()));

        assertEquals(CHANNEL, recovered.channel());
        assertEquals(new Position(9, "E1"), recovered.position());
        assertEquals(new Position(0, "E2"), fresh.position());
        JsonObject subscribed = json(recovered);
        assertEquals(
                List.of("type", "ref", "channel", "offset", "epoch", "recovered", "publications"),
                List.copyOf(subscribed.keySet()));
        assertEquals(
                List.of(8, 9),
                subscribed.getJsonArray("publications").getValuesAs(JsonObject.class).stream()
                        .map(p -> p.getInt("offset"))
                        .toList());
        assertEquals(
                json(DeliveryJson.publication(publication(8))),
                subscribed.getJsonArray("publications").getJsonObject(0),
                "the same form inside and alone");
    }

    @Test
    void thePublishedReplyIsTheRestResultAfterTypeAndRefAndMovesNothing() {
        Published published = new Published(publication(3), true);

        Frame frame = DeliveryJson.published(Json.createValue(5), published);
        JsonObject result = DeliveryJson.result(published);

        assertNull(frame.channel());
        assertNull(frame.position());
        assertEquals(
                "{\"channel\":\"news:a\",\"offset\":3,\"epoch\":\"E1\",\"id\":\"id3\",\"duplicate\":true}",
                result.toString());
        assertEquals("{\"type\":\"published\",\"ref\":5," + result.toString().substring(1), frame.json());
    }

    @Test
    void everyFrameStartsWithItsTypeThenTheRefWhenThereIsOne() {
        assertEquals(
                "{\"type\":\"x\",\"ref\":\"r\",\"a\":1}",
                DeliveryJson.frame("x", Json.createValue("r"), g -> g.write("a", 1)));
        assertEquals("{\"type\":\"x\"}", DeliveryJson.frame("x", null, g -> {}));
    }
}
