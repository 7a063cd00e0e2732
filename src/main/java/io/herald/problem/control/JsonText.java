package io.herald.problem.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/** Strict parsing of untrusted JSON: exactly one value, nothing after it, or a {@code malformed} refusal. */
public final class JsonText {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonText() {
    }

    /** Security: {@code text} is untrusted; its size must have been bounded by the caller. */
    public static JsonValue parse(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new Refusal(ErrorCode.MALFORMED, "not valid JSON: empty");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new Refusal(ErrorCode.MALFORMED, "not valid JSON: more than one value");
            }
            return value;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw new Refusal(ErrorCode.MALFORMED, "not valid JSON");
        }
    }
}
