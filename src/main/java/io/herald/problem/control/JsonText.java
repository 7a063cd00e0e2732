package io.herald.problem.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Strict parsing of untrusted JSON: exactly one value, nothing after it, nested at most {@link #MAX_DEPTH}
 * levels, or a {@code malformed} refusal. Values are built here from the parser's events rather than by
 * the parser, so that the depth is Herald's own on every server and numbers keep the text they were
 * written with ({@link WrittenNumber}).
 */
public final class JsonText {

    /**
     * Arrays and objects inside each other, the outermost counting as one. No notification needs more;
     * a protocol limit rather than a setting, so a client can rely on it on every node and server.
     */
    public static final int MAX_DEPTH = 64;

    private static final System.Logger LOG = System.getLogger(JsonText.class.getName());
    private static final long LOG_EVERY = TimeUnit.MINUTES.toNanos(1);
    private static final AtomicLong NEXT_LOG = new AtomicLong(System.nanoTime());
    private static final JsonParserFactory PARSERS = Jsonp.PROVIDER.createParserFactory(Map.of());

    private JsonText() {}

    /**
     * The text of a request body, which must be UTF-8 (RFC 8259 §8.1): bytes that are not are refused as
     * {@code malformed}, as a WebSocket refuses them (1007), rather than read as U+FFFD.
     */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refusal(ErrorCode.MALFORMED, "not valid UTF-8");
        }
    }

    /** Security: {@code text} is untrusted; its size must have been bounded by the caller. */
    public static JsonValue parse(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new Refusal(ErrorCode.MALFORMED, "not valid JSON: empty");
            }
            JsonValue value = value(parser, parser.next(), 1);
            if (parser.hasNext()) {
                throw new Refusal(ErrorCode.MALFORMED, "not valid JSON: more than one value");
            }
            return value;
        } catch (Refusal refusal) {
            throw refusal;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new Refusal(ErrorCode.MALFORMED, "not valid JSON");
        } catch (RuntimeException e) {
            // parsers fail on some inputs with undeclared exceptions (a plain RuntimeException at their own
            // depth limit, NumberFormatException for an exponent BigDecimal cannot hold): still the input's fault
            noteParserFailure(e);
            throw new Refusal(ErrorCode.MALFORMED, "not valid JSON");
        }
    }

    /** The value that starts with {@code event}, at nesting level {@code depth} if it is an array or object. */
    private static JsonValue value(JsonParser parser, JsonParser.Event event, int depth) {
        return switch (event) {
            case START_OBJECT -> object(parser, depth);
            case START_ARRAY -> array(parser, depth);
            case VALUE_STRING -> Jsonp.PROVIDER.createValue(parser.getString());
            case VALUE_NUMBER -> WrittenNumber.of(parser.getString());
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new Refusal(ErrorCode.MALFORMED, "not valid JSON");
        };
    }

    private static JsonValue object(JsonParser parser, int depth) {
        boundDepth(depth);
        JsonObjectBuilder object = Jsonp.PROVIDER.createObjectBuilder();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
            String name = parser.getString();
            object.add(name, value(parser, parser.next(), depth + 1));
        }
        return object.build();
    }

    private static JsonValue array(JsonParser parser, int depth) {
        boundDepth(depth);
        JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
        for (JsonParser.Event event = parser.next(); event != JsonParser.Event.END_ARRAY; event = parser.next()) {
            array.add(value(parser, event, depth + 1));
        }
        return array.build();
    }

    private static void boundDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Refusal(ErrorCode.MALFORMED, "not valid JSON: nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /**
     * One short line at most once a minute, without the text: a client sending such input in a loop must
     * not flood the log (a stack trace as deep as the input was 75 KB per frame).
     */
    private static void noteParserFailure(RuntimeException e) {
        long now = System.nanoTime();
        long next = NEXT_LOG.get();
        if (now - next >= 0 && NEXT_LOG.compareAndSet(next, now + LOG_EVERY)) {
            LOG.log(
                    System.Logger.Level.INFO,
                    "refused a JSON text the JSON-P parser failed on ({0}); "
                            + "such refusals are logged at most once a minute",
                    e.getClass().getName());
        }
    }
}
