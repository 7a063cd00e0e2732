package io.herald.connection.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.channel.entity.ChannelName;
import io.herald.delivery.entity.Frame;
import io.herald.delivery.entity.Position;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Cursor (the positions an HTTP client sends)")
class CursorTest {

    private static Cursor parse(String raw) {
        return Cursor.parse(raw, 4, text -> ChannelName.parse(text, 255));
    }

    private static ErrorCode refused(String raw) {
        return assertThrows(Refusal.class, () -> parse(raw)).code();
    }

    @Test
    void readsChannelsWithAndWithoutPositions() {
        Cursor cursor = parse("news:a~5~Zx3_k,alerts:ops");

        assertEquals(
                List.of(
                        new Cursor.Entry(new ChannelName("news", "a"), new Position(5, "Zx3_k")),
                        new Cursor.Entry(new ChannelName("alerts", "ops"), null)),
                cursor.entries());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"news:a~5~Zx3_k,alerts:ops", "demo:x", "demo:x~0~A-_b", "a:b/c@d=e+f|g.h~9223372036854775807~e"})
    void writesWhatItReads(String raw) {
        assertEquals(raw, parse(raw).toString());
    }

    @Test
    void movesOneChannelAndKeepsTheOrder() {
        Cursor cursor = parse("news:a~5~E,alerts:ops,demo:x~1~F");

        Cursor moved = cursor.with(new ChannelName("alerts", "ops"), new Position(3, "G"));

        assertEquals("news:a~5~E,alerts:ops~3~G,demo:x~1~F", moved.toString());
        assertEquals("news:a~5~E,alerts:ops,demo:x~1~F", cursor.toString());
        assertEquals(
                "news:a~5~E,alerts:ops,demo:x~1~F,demo:y~1~H",
                cursor.with(new ChannelName("demo", "y"), new Position(1, "H")).toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "news:a~5",
                "news:a~5~E~x",
                "news:a~~E",
                "news:a~x~E",
                "news:a~-1~E",
                "news:a~5~",
                "news:a~5~E%",
                "news:a~99999999999999999999~E",
                "news:a,",
                ",news:a",
                "news:a,news:a",
                "~5~E"
            })
    void refusesMalformedItemsAsInvalidField(String raw) {
        assertEquals(ErrorCode.INVALID_FIELD, refused(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"news", "news:", "news:a b", "NEWS:a", "news:a*"})
    void refusesInvalidChannels(String raw) {
        assertEquals(ErrorCode.INVALID_CHANNEL, refused(raw));
    }

    @Test
    void countsChannelsBeforeReadingThem() {
        assertEquals(ErrorCode.TOO_MANY_CHANNELS, refused("a:1,a:2,a:3,a:4,a:5"));
        assertEquals(ErrorCode.TOO_MANY_CHANNELS, refused("x,x,x,x,x"));
        assertEquals(4, parse("a:1,a:2,a:3,a:4").entries().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyCursorIsMissing(String raw) {
        assertEquals(ErrorCode.MISSING_FIELD, refused(raw));
        assertEquals(
                ErrorCode.MISSING_FIELD,
                assertThrows(Refusal.class, () -> parse(null)).code());
    }

    @Test
    void theChannelCheckDecidesWhichNamespacesExist() {
        Refusal refusal = assertThrows(
                Refusal.class,
                () -> Cursor.parse("nope:x", 4, text -> {
                    throw new Refusal(ErrorCode.UNKNOWN_NAMESPACE, "unknown namespace 'nope'");
                }));
        assertEquals(ErrorCode.UNKNOWN_NAMESPACE, refusal.code());
    }

    @Test
    void aPollAnswerIsOneJsonObjectAndItsEtagFollowsTheCursor() {
        PollAnswer answer =
                new PollAnswer(parse("news:a~5~E"), List.of(new Frame("{\"type\":\"ping\"}"), new Frame("{\"x\":1}")));

        assertEquals("{\"cursor\":\"news:a~5~E\",\"frames\":[{\"type\":\"ping\"},{\"x\":1}]}", answer.json());
        assertEquals(answer.etag(), new PollAnswer(parse("news:a~5~E"), List.of()).etag());
        assertNotEquals(answer.etag(), new PollAnswer(parse("news:a~6~E"), List.of()).etag());
        // the tag is the same on every version of Herald, so a rolling upgrade keeps answering 304
        assertEquals("\"yM_qgcnYZW2H8GQeXtdi_m\"", answer.etag());
        assertNull(parse("news:a").entries().get(0).position());
    }
}
