package io.herald.problem.control;

import io.herald.problem.entity.ErrorCode;
import io.herald.problem.entity.Refusal;
import jakarta.json.JsonNumber;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number that writes itself as the client wrote it: a {@code ref} is echoed unchanged (docs/protocol.md
 * §6), where the parsers' own numbers rewrite it ({@code 1e999999} as {@code 1E+999999}, {@code -0.0} as
 * {@code 0.0}). JSON-P generators write a number's {@code toString()}; equality is by value, as the
 * {@link JsonNumber} contract says. Rejected: echoing a ref as a string, which changes its type for the client.
 */
final class WrittenNumber implements JsonNumber {

    private final String text;
    private final BigDecimal value;

    private WrittenNumber(String text, BigDecimal value) {
        this.text = text;
        this.value = value;
    }

    /** {@code text} is a number token of the JSON parser (so valid JSON); its exponent may still not fit. */
    static WrittenNumber of(String text) {
        try {
            return new WrittenNumber(text, new BigDecimal(text));
        } catch (NumberFormatException e) {
            throw new Refusal(ErrorCode.MALFORMED, "not valid JSON: a number's exponent is out of range");
        }
    }

    @Override
    public boolean isIntegral() {
        return value.scale() == 0;
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public int intValueExact() {
        return value.intValueExact();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public long longValueExact() {
        return value.longValueExact();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return value.toBigInteger();
    }

    @Override
    public BigInteger bigIntegerValueExact() {
        return value.toBigIntegerExact();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public BigDecimal bigDecimalValue() {
        return value;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.NUMBER;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonNumber number && value.equals(number.bigDecimalValue());
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
