package io.herald.problem.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void readsOneValue() {
        assertEquals(JsonValue.ValueType.OBJECT, JsonText.parse(" {\"a\":[1,2]} ").getValueType());
        assertEquals(JsonValue.ValueType.NUMBER, JsonText.parse("42").getValueType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "{\"type\":\"ping\"} garbage", "{} {}", "[1]]", "nul"})
    void refusesAnythingButExactlyOneValue(String text) {
        Refusal refusal = assertThrows(Refusal.class, () -> JsonText.parse(text));
        assertEquals(ErrorCode.MALFORMED, refusal.code());
    }
}
