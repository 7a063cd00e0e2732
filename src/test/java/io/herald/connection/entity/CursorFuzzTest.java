package io.herald.connection.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.OpenNamespace;
import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The cursor of the HTTP transports (a poll's {@code cursor}, SSE's {@code cursor} and
 * {@code Last-Event-ID}), fed arbitrary text: a cursor that writes back to itself, or one of the codes
 * docs/protocol.md gives for a bad cursor. Regression inputs: {@code CursorFuzzTestInputs/cursors/}.
 */
class CursorFuzzTest {

    private static final int MAX_CHANNELS = 8;
    private static final Set<ErrorCode> CURSOR_ERRORS = EnumSet.of(
            ErrorCode.MISSING_FIELD,
            ErrorCode.TOO_MANY_CHANNELS,
            ErrorCode.INVALID_FIELD,
            ErrorCode.INVALID_CHANNEL,
            ErrorCode.UNKNOWN_NAMESPACE);
    private static final Namespaces NAMESPACES =
            new Namespaces(Map.of("news", OpenNamespace.of("news", 10, Duration.ofMinutes(5), false)), 255);

    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({"news:", "~", ",", "9223372036854775807", "9223372036854775808", "Zx3_k", "news:a~5~Zx3_k"})
    void cursors(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        Cursor cursor;
        try {
            cursor = Cursor.parse(raw, MAX_CHANNELS, NAMESPACES::channel);
        } catch (Refusal refusal) {
            assertTrue(CURSOR_ERRORS.contains(refusal.code()), refusal.code() + ": " + raw);
            return;
        }
        assertTrue(!cursor.entries().isEmpty() && cursor.entries().size() <= MAX_CHANNELS, raw);
        assertEquals(
                cursor.entries().size(),
                cursor.entries().stream().map(Cursor.Entry::channel).distinct().count());
        for (Cursor.Entry entry : cursor.entries()) {
            assertTrue(entry.position() == null || entry.position().offset() >= 0, raw);
        }
        assertEquals(cursor, Cursor.parse(cursor.toString(), MAX_CHANNELS, NAMESPACES::channel));
    }
}
