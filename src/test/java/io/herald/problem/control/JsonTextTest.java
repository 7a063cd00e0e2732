package io.herald.problem.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {

    @Test
    void readsOneValue() {
        assertEquals(
                JsonValue.ValueType.OBJECT, JsonText.parse(" {\"a\":[1,2]} ").getValueType());
        assertEquals(JsonValue.ValueType.NUMBER, JsonText.parse("42").getValueType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "{\"type\":\"ping\"} garbage", "{} {}", "[1]]", "nul"})
    void refusesAnythingButExactlyOneValue(String text) {
        Refusal refusal = assertThrows(Refusal.class, () -> JsonText.parse(text));
        assertEquals(ErrorCode.MALFORMED, refusal.code());
    }

    @Test
    void buildsTheSameValuesAsTheParser() {
        String text = "{\"a\":[1,2.5,-3e2,\"x\",true,false,null,{}],\"b\":{\"c\":[]},\"a2\":\"\\u00e9\\n\"}";
        assertEquals(Json.createReader(new java.io.StringReader(text)).readValue(), JsonText.parse(text));
    }

    @Test
    void nestingIsBoundedBelowEveryParsersOwnLimit() {
        int max = JsonText.MAX_DEPTH;
        assertEquals(
                JsonValue.ValueType.ARRAY,
                JsonText.parse("[".repeat(max) + "]".repeat(max)).getValueType());
        assertEquals(
                JsonValue.ValueType.OBJECT,
                JsonText.parse("{\"a\":".repeat(max - 1) + "{}" + "}".repeat(max - 1))
                        .getValueType());
        for (int depth : new int[] {max + 1, 1000, 1001, 100_000}) {
            Refusal refusal = assertThrows(
                    Refusal.class, () -> JsonText.parse("{\"a\":".repeat(depth - 1) + "[]" + "}".repeat(depth - 1)));
            assertEquals(ErrorCode.MALFORMED, refusal.code(), "depth " + depth);
            assertEquals("not valid JSON: nested deeper than " + max + " levels", refusal.getMessage());
        }
        // unclosed, as a flood of '[' would be: refused at the limit, before the parser's own one
        assertEquals(
                ErrorCode.MALFORMED,
                assertThrows(Refusal.class, () -> JsonText.parse("[".repeat(5000)))
                        .code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1e9999999999]", "{\"a\":1E-2147483649}"})
    void aNumberWhoseExponentDoesNotFitIsMalformedNotAnInternalError(String text) {
        assertEquals(
                ErrorCode.MALFORMED,
                assertThrows(Refusal.class, () -> JsonText.parse(text)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999", "-0.0", "1E+2", "0.10", "-0", "123456789012345678901234567890", "7"})
    void numbersWriteThemselvesAsTheyWereWritten(String number) {
        JsonValue value =
                JsonText.parse("{\"ref\":" + number + "}").asJsonObject().get("ref");
        assertEquals(number, value.toString());
        assertEquals(
                "{\"ref\":" + number + "}",
                Json.createObjectBuilder().add("ref", value).build().toString());
        assertEquals(Json.createValue(new java.math.BigDecimal(number)), value, "equal by value");
    }

    @Test
    void bodiesMustBeUtf8() {
        assertEquals("{\"a\":\"€\"}", JsonText.utf8("{\"a\":\"€\"}".getBytes(StandardCharsets.UTF_8)));
        for (byte[] bad : new byte[][] {
            {'"', (byte) 0xff, '"'},
            {'"', (byte) 0xe2, (byte) 0x82, '"'},
            {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}
        }) {
            Refusal refusal = assertThrows(Refusal.class, () -> JsonText.utf8(bad));
            assertEquals(ErrorCode.MALFORMED, refusal.code());
            assertEquals("not valid UTF-8", refusal.getMessage());
        }
    }
}
