package dev.eventscope.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A number whose text, as written, is not the text Java would print for its value: {@code 1e5}
 * ({@code 1E+5}), {@code 2.50e-3}, {@code -0}, {@code -0.0}. It has the value of a decimal (or of
 * the integer 0, for {@code -0}) for every reader, and writes itself as it was written, so that
 * numbers keep their digits through import, storage and export (ADR 0131).
 *
 * <p>Only the tree builder of {@link Json} makes these; numbers that print as written stay plain
 * Jackson nodes.
 */
final class LiteralNumber extends NumericNode {

    private static final long serialVersionUID = 1L;

    private final String literal;
    // the value as Jackson would hold it: a DecimalNode, or IntNode 0 for "-0"
    private final NumericNode value;

    private LiteralNumber(String literal, NumericNode value) {
        this.literal = literal;
        this.value = value;
    }

    /** The node for a number token: a plain node when its text is the value's own. */
    static NumericNode decimal(String literal, BigDecimal value) {
        return literal.equals(value.toString())
                ? DecimalNode.valueOf(value)
                : new LiteralNumber(literal, DecimalNode.valueOf(value));
    }

    /** {@code -0}, which an integer node would print as {@code 0}. */
    static NumericNode negativeZero(String literal) {
        return new LiteralNumber(literal, IntNode.valueOf(0));
    }

    @Override
    public JsonToken asToken() {
        return value.asToken();
    }

    @Override
    public JsonParser.NumberType numberType() {
        return value.numberType();
    }

    @Override
    public boolean isFloatingPointNumber() {
        return value.isFloatingPointNumber();
    }

    @Override
    public boolean isBigDecimal() {
        return value.isBigDecimal();
    }

    @Override
    public boolean isIntegralNumber() {
        return value.isIntegralNumber();
    }

    @Override
    public boolean isInt() {
        return value.isInt();
    }

    @Override
    public boolean canConvertToInt() {
        return value.canConvertToInt();
    }

    @Override
    public boolean canConvertToLong() {
        return value.canConvertToLong();
    }

    @Override
    public boolean canConvertToExactIntegral() {
        return value.canConvertToExactIntegral();
    }

    @Override
    public Number numberValue() {
        return value.numberValue();
    }

    @Override
    public short shortValue() {
        return value.shortValue();
    }

    @Override
    public int intValue() {
        return value.intValue();
    }

    @Override
    public long longValue() {
        return value.longValue();
    }

    @Override
    public float floatValue() {
        return value.floatValue();
    }

    @Override
    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public BigDecimal decimalValue() {
        return value.decimalValue();
    }

    @Override
    public BigInteger bigIntegerValue() {
        return value.bigIntegerValue();
    }

    @Override
    public String asText() {
        return literal;
    }

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeNumber(literal);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LiteralNumber other && literal.equals(other.literal);
    }

    @Override
    public int hashCode() {
        return literal.hashCode();
    }
}
