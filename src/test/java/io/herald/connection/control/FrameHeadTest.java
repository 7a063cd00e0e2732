package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.control.PublicationJson;
import io.herald.delivery.entity.Position;
import io.herald.delivery.entity.Publication;
import io.herald.delivery.entity.Recovery;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameHeadTest {

    private static final ChannelName CHANNEL = new ChannelName("news", "a");

    private static Publication publication(long offset) {
        return new Publication(CHANNEL, offset, "E1", "id" + offset, "e",
                Json.createObjectBuilder().add("channel", "fake:x").add("offset", 99).build(), 1L);
    }

    @Test
    void aPublicationMovesItsChannelToItsOffset() {
        FrameHead head = FrameHead.of(PublicationJson.frame(publication(7)));

        assertEquals(new FrameHead(CHANNEL, new Position(7, "E1")), head);
    }

    @Test
    void aSubscribedFrameMovesItsChannelToTheCurrentPositionWhateverItsRefAndPublications() {
        Recovery recovery = new Recovery(new Position(9, "E1"), true, List.of(publication(8), publication(9)));
        JsonValue ref = Json.createValue("\"channel\":\"x:y\"");

        assertEquals(new FrameHead(CHANNEL, new Position(9, "E1")),
                FrameHead.of(Frames.subscribed(ref, CHANNEL, recovery)));
        assertEquals(new FrameHead(CHANNEL, new Position(0, "E2")), FrameHead.of(Frames.subscribed(null, CHANNEL,
                new Recovery(new Position(0, "E2"), false, List.of()))));
    }

    @Test
    void otherFramesMoveNothing() {
        assertNull(FrameHead.of(Frames.PING));
        assertNull(FrameHead.of(Frames.error(null, new Refusal(ErrorCode.INTERNAL, "offset"))));
        assertNull(FrameHead.of(Frames.pong(null)));
    }
}
