package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames without a position: what they say, and that no transport takes a position from them. */
class FramesTest {

    @Test
    void otherFramesMoveNothing() {
        for (Frame frame : List.of(
                Frames.PING,
                Frames.error(null, new Refusal(ErrorCode.INTERNAL, "offset")),
                Frames.pong(null),
                Frames.connected("c", Duration.ofSeconds(1), Duration.ofSeconds(2)),
                Frames.unsubscribed(null, new ChannelName("news", "a")),
                Frames.refreshed(null, null))) {
            assertNull(frame.channel(), frame.json());
            assertNull(frame.position(), frame.json());
        }
    }

    @Test
    void theyAreTheHeraldV1Frames() {
        assertEquals("{\"type\":\"ping\"}", Frames.PING.json());
        assertEquals(
                "{\"type\":\"pong\",\"ref\":3}",
                Frames.pong(Json.createValue(3)).json());
        assertEquals(
                "{\"type\":\"error\",\"ref\":\"r\",\"code\":\"internal\",\"message\":\"m\"}",
                Frames.error(Json.createValue("r"), new Refusal(ErrorCode.INTERNAL, "m"))
                        .json());
        assertEquals(
                "{\"type\":\"connected\",\"client\":\"c\",\"protocol\":\"herald.v1\",\"heartbeat\":1000,"
                        + "\"timeout\":2000}",
                Frames.connected("c", Duration.ofSeconds(1), Duration.ofSeconds(2))
                        .json());
        assertEquals(
                "{\"type\":\"unsubscribed\",\"channel\":\"news:a\"}",
                Frames.unsubscribed(null, new ChannelName("news", "a")).json());
        assertEquals(
                "{\"type\":\"refreshed\",\"ref\":1,\"expires\":5}",
                Frames.refreshed(Json.createValue(1), Instant.ofEpochMilli(5)).json());
    }
}
