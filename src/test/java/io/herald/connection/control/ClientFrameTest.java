package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Position;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ClientFrame (parsing herald.v1 client frames)")
class ClientFrameTest {

    /** Only the news namespace exists. */
    private static ClientFrame parse(String text) {
        return ClientFrame.parse(text, raw -> {
            ChannelName channel = ChannelName.parse(raw, 255);
            if (!channel.namespace().equals("news")) {
                throw new Refusal(ErrorCode.UNKNOWN_NAMESPACE, "unknown namespace '" + channel.namespace() + "'");
            }
            return channel;
        });
    }

    private static ClientFrame.Invalid invalid(String text, ErrorCode code, String message) {
        ClientFrame.Invalid invalid = assertInstanceOf(ClientFrame.Invalid.class, parse(text));
        assertEquals(code, invalid.refusal().code());
        assertEquals(message, invalid.refusal().getMessage());
        return invalid;
    }

    @Test
    void eachTypeIsReadIntoItsRecord() {
        ChannelName a = new ChannelName("news", "a");
        assertEquals(
                new ClientFrame.Subscribe(Json.createValue(1), a, new Position(4, "E")),
                parse("{\"type\":\"subscribe\",\"ref\":1,\"channel\":\"news:a\","
                        + "\"since\":{\"offset\":4,\"epoch\":\"E\"}}"));
        assertEquals(
                new ClientFrame.Subscribe(null, a, null),
                parse("{\"type\":\"subscribe\",\"channel\":\"news:a\",\"since\":null}"));
        assertEquals(
                new ClientFrame.Unsubscribe(Json.createValue("u"), a),
                parse("{\"type\":\"unsubscribe\",\"ref\":\"u\",\"channel\":\"news:a\"}"));
        assertEquals(
                new ClientFrame.Publish(null, a, "said", Json.createValue(2), "k"),
                parse("{\"type\":\"publish\",\"channel\":\"news:a\",\"event\":\"said\",\"data\":2,"
                        + "\"idempotencyKey\":\"k\"}"));
        assertEquals(
                new ClientFrame.Publish(null, a, null, null, null),
                parse("{\"type\":\"publish\",\"channel\":\"news:a\"}"),
                "data is the publisher's to require");
        assertEquals(new ClientFrame.Ping(Json.createValue(3)), parse("{\"type\":\"ping\",\"ref\":3,\"pad\":\"x\"}"));
        assertEquals(new ClientFrame.Pong(null), parse("{\"type\":\"pong\"}"));
        assertEquals(new ClientFrame.Refresh(null, "t"), parse("{\"type\":\"refresh\",\"ticket\":\"t\"}"));
    }

    @Test
    void aFrameThatBreaksARuleAfterItsRefStillEchoesTheRef() {
        assertEquals(
                Json.createValue(5),
                invalid("{\"type\":\"subscribe\",\"ref\":5}", ErrorCode.MISSING_FIELD, "channel is required")
                        .ref());
        assertEquals(
                Json.createValue("h"),
                invalid(
                                "{\"type\":\"hello\",\"ref\":\"h\"}",
                                ErrorCode.UNKNOWN_TYPE,
                                "unknown type, expected one of subscribe, unsubscribe, publish, ping, pong, refresh")
                        .ref());
        assertEquals(
                Json.createValue(1),
                invalid(
                                "{\"type\":\"subscribe\",\"ref\":1,\"channel\":\"sports:x\"}",
                                ErrorCode.UNKNOWN_NAMESPACE,
                                "unknown namespace 'sports'")
                        .ref());
    }

    @Test
    void aFrameThatIsNotAnObjectOrHasABadRefHasNoRef() {
        assertNull(invalid("[1]", ErrorCode.MALFORMED, "a frame must be a JSON object")
                .ref());
        assertNull(invalid("{\"type\":", ErrorCode.MALFORMED, "not valid JSON").ref());
        assertNull(invalid(
                        "{\"type\":\"ping\",\"ref\":[1]}",
                        ErrorCode.INVALID_FIELD,
                        "ref must be a number or a string of at most 64 characters")
                .ref());
    }

    @Test
    void fieldsAreCheckedInOrderWithTheirOwnMessages() {
        invalid("{\"channel\":\"news:a\"}", ErrorCode.MISSING_FIELD, "type is required");
        invalid("{\"type\":1}", ErrorCode.INVALID_FIELD, "type must be a string");
        invalid(
                "{\"type\":\"subscribe\",\"channel\":\"news\",\"since\":1}",
                ErrorCode.INVALID_CHANNEL,
                "channel must be namespace:name");
        invalid(
                "{\"type\":\"subscribe\",\"channel\":\"news:a\",\"since\":1}",
                ErrorCode.INVALID_FIELD,
                "since must be an object {offset, epoch}");
        invalid(
                "{\"type\":\"subscribe\",\"channel\":\"news:a\",\"since\":{\"offset\":-1,\"epoch\":\"E\"}}",
                ErrorCode.INVALID_FIELD,
                "since.offset must be a whole number from 0 to 2^63-1");
        invalid(
                "{\"type\":\"publish\",\"channel\":\"news:a\",\"event\":3}",
                ErrorCode.INVALID_FIELD,
                "event must be a string");
        invalid("{\"type\":\"refresh\"}", ErrorCode.MISSING_FIELD, "ticket is required");
    }

    @Test
    void anUnsubscribeNeedsAWellFormedNameButNoKnownNamespace() {
        assertEquals(
                new ClientFrame.Unsubscribe(null, new ChannelName("sports", "x")),
                parse("{\"type\":\"unsubscribe\",\"channel\":\"sports:x\"}"));
        invalid("{\"type\":\"unsubscribe\",\"channel\":\"\"}", ErrorCode.MISSING_FIELD, "channel is required");
    }

    @Test
    void aNumericRefIsEchoedExactlyAsWritten() {
        for (String ref : new String[] {"1e999999", "-0.0", "1E+2", "0.50", "12345678901234567890123"}) {
            ClientFrame frame = parse("{\"type\":\"ping\",\"ref\":" + ref + "}");
            assertEquals(
                    "{\"type\":\"pong\",\"ref\":" + ref + "}",
                    Frames.pong(frame.ref()).json());
            ClientFrame.Invalid invalid = invalid(
                    "{\"type\":\"dance\",\"ref\":" + ref + "}",
                    ErrorCode.UNKNOWN_TYPE,
                    "unknown type, expected one of subscribe, unsubscribe, publish, ping, pong, refresh");
            assertEquals(ref, invalid.ref().toString());
        }
    }

    @Test
    void nestingBeyondTheLimitIsMalformedWithoutARef() {
        String deep = "{\"type\":\"ping\",\"ref\":1,\"pad\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
        ClientFrame.Invalid invalid =
                invalid(deep, ErrorCode.MALFORMED, "not valid JSON: nested deeper than 64 levels");
        assertNull(invalid.ref());
    }
}
