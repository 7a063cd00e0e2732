package io.herald.connection.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.herald.channel.control.Namespaces;
import io.herald.channel.entity.ChannelName;
import io.herald.channel.entity.OpenNamespace;
import io.herald.delivery.entity.Position;
import io.herald.problem.control.JsonText;
import io.herald.problem.entity.ErrorCode;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The client-frame decoder, fed arbitrary text as a WebSocket frame or a {@code POST /api/client} body
 * brings it: every input is a frame or {@link ClientFrame.Invalid} with a code docs/protocol.md §10 lists
 * for a frame; nothing is thrown. Regression inputs: {@code ClientFrameFuzzTestInputs/<method>/}; fuzzing:
 * {@code mvn -Pfuzz test} (README, Tests).
 */
class ClientFrameFuzzTest {

    private static final Set<ErrorCode> FRAME_ERRORS = EnumSet.of(
            ErrorCode.MALFORMED,
            ErrorCode.UNKNOWN_TYPE,
            ErrorCode.MISSING_FIELD,
            ErrorCode.INVALID_FIELD,
            ErrorCode.INVALID_CHANNEL,
            ErrorCode.UNKNOWN_NAMESPACE);
    private static final Namespaces NAMESPACES = new Namespaces(
            Map.of(
                    "news", OpenNamespace.of("news", 10, Duration.ofMinutes(5), false),
                    "demo", OpenNamespace.of("demo", 10, Duration.ofMinutes(5), true)),
            255);

    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({
        "\"type\"",
        "\"ref\"",
        "\"channel\"",
        "\"since\"",
        "\"offset\"",
        "\"epoch\"",
        "\"data\"",
        "\"event\"",
        "\"idempotencyKey\"",
        "\"ticket\"",
        "\"subscribe\"",
        "\"unsubscribe\"",
        "\"publish\"",
        "\"ping\"",
        "\"pong\"",
        "\"refresh\"",
        "\"news:a\"",
        "\"demo:b\"",
        "null",
        "true",
        "1e999999",
        "-0.0",
        "\\u0000",
        "\\ud800"
    })
    void frames(byte[] input) {
        checked(ClientFrame.parse(new String(input, StandardCharsets.UTF_8), NAMESPACES::channel));
    }

    /** {@code since} of a WebSocket subscribe: a position {offset >= 0, epoch}, absent, or invalid_field. */
    @FuzzTest(maxDuration = "1m")
    @DictionaryEntries({
        "\"offset\"",
        "\"epoch\"",
        "{",
        "}",
        ":",
        ",",
        "null",
        "9223372036854775807",
        "1e19",
        "-0",
        "0.0"
    })
    void since(byte[] input) {
        ClientFrame frame = ClientFrame.parse(
                "{\"type\":\"subscribe\",\"channel\":\"news:a\",\"since\":" + new String(input, StandardCharsets.UTF_8)
                        + "}",
                NAMESPACES::channel);
        checked(frame);
        if (frame instanceof ClientFrame.Subscribe subscribe && subscribe.since() != null) {
            Position since = subscribe.since();
            assertTrue(since.offset() >= 0, since.toString());
            assertNotNull(since.epoch());
        }
    }

    private static void checked(ClientFrame frame) {
        assertNotNull(frame);
        if (frame instanceof ClientFrame.Invalid invalid) {
            assertTrue(
                    FRAME_ERRORS.contains(invalid.refusal().code()),
                    invalid.refusal().code() + ": " + invalid.refusal().getMessage());
        }
        if (frame instanceof ClientFrame.Subscribe subscribe) {
            known(subscribe.channel());
        }
        if (frame instanceof ClientFrame.Publish publish) {
            known(publish.channel());
        }
        JsonValue ref = frame.ref();
        if (ref != null) {
            assertTrue(
                    ref.getValueType() == JsonValue.ValueType.NUMBER
                            || ref instanceof JsonString text
                                    && text.getString().length() <= 64,
                    ref.toString());
            // echoed unchanged: the reply carries the ref as the client wrote it
            JsonValue echoed =
                    JsonText.parse(Frames.pong(ref).json()).asJsonObject().get("ref");
            assertEquals(ref.toString(), echoed.toString());
        }
    }

    private static void known(ChannelName channel) {
        assertTrue(Set.of("news", "demo").contains(channel.namespace()), channel.toString());
    }
}
