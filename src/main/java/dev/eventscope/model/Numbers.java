package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * The number policy for what rules produce (docs/adr/0021-number-policy.md).
 *
 * <p>JSLT does arithmetic on decimals in binary floating point, so {@code 70.27 + 29.99 + 19.99}
 * yields {@code 120.24999999999999}. Every floating-point number a rule produces is therefore
 * rounded to {@value #DIGITS} significant decimal digits (half-even), which is as many as a double
 * holds reliably, and kept as an exact decimal with at least one fraction digit: {@code 120.25},
 * {@code 3.0}. Numbers that came from events unchanged (exact decimals, integers) are kept as they
 * are. A rule that produces infinity or NaN (division by zero) fails.
 */
public final class Numbers {

    /** Significant digits kept from a floating-point result. */
    public static final int DIGITS = 15;

    private static final MathContext CONTEXT = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private Numbers() {}

    /** Thrown for a number that cannot be represented: infinity or NaN. */
    public static final class NotFinite extends RuntimeException {
        NotFinite(String path) {
            super(
                    "produced a number that is not finite (infinity or NaN, e.g. a division by zero) at " + path,
                    null,
                    false,
                    false);
        }
    }

    /**
     * {@code node} with every floating-point number rounded by the policy. Nodes are never changed in
     * place: subtrees without floating-point numbers are shared, the path to a changed number is
     * copied.
     */
    public static JsonNode normalize(JsonNode node) {
        return normalize(node, "$");
    }

    /**
     * {@link #normalize(JsonNode)} for a rule's result given the state it started from: values
     * the rule passed through unchanged from {@code previous} (the same node) were normalised when
     * they were made, and are skipped.
     */
    public static JsonNode normalize(JsonNode node, JsonNode previous) {
        if (previous == null || !node.isObject() || !previous.isObject()) {
            return normalize(node);
        }
        ObjectNode copy = null;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (!value.isContainerNode() && !value.isDouble() && !value.isFloat()
                    || value == previous.get(e.getKey())) {
                continue;
            }
            JsonNode fixed = normalize(value, "$." + e.getKey());
            if (fixed != value) {
                if (copy == null) {
                    copy = ((ObjectNode) node).objectNode();
                    copy.setAll((ObjectNode) node);
                }
                copy.set(e.getKey(), fixed);
            }
        }
        return copy == null ? node : copy;
    }

    static JsonNode normalize(JsonNode node, String path) {
        if (node.isDouble() || node.isFloat()) {
            return DecimalNode.valueOf(round(node.doubleValue(), path));
        }
        if (node.isObject()) {
            ObjectNode copy = null;
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (!value.isContainerNode() && !value.isDouble() && !value.isFloat()) {
                    continue;
                }
                JsonNode fixed = normalize(value, path + "." + e.getKey());
                if (fixed != value) {
                    if (copy == null) {
                        copy = ((ObjectNode) node).objectNode();
                        copy.setAll((ObjectNode) node);
                    }
                    copy.set(e.getKey(), fixed);
                }
            }
            return copy == null ? node : copy;
        }
        if (node.isArray()) {
            ArrayNode copy = null;
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (!value.isContainerNode() && !value.isDouble() && !value.isFloat()) {
                    continue;
                }
                JsonNode fixed = normalize(value, path + "[" + i + "]");
                if (fixed != value) {
                    if (copy == null) {
                        copy = ((ArrayNode) node).arrayNode();
                        copy.addAll((ArrayNode) node);
                    }
                    copy.set(i, fixed);
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }

    /** A double rounded to {@value #DIGITS} significant digits, with at least one fraction digit. */
    public static BigDecimal round(double d, String path) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NotFinite(path);
        }
        BigDecimal rounded = BigDecimal.valueOf(d).round(CONTEXT).stripTrailingZeros();
        return rounded.scale() < 1 ? rounded.setScale(1) : rounded;
    }
}
