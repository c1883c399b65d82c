package dev.eventscope.model;

import dev.eventscope.store.ReadModelTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A projection (DESIGN §6): events become rows of the read-model table {@code rm_<name>}. Per event
 * type one rule gives the row to upsert (only the columns it names change) or the key of the row to
 * delete; a rule that gives {@code null} does nothing.
 */
public record ProjectionModel(ProcessorSettings settings, ReadModelTable table, Map<String, Rule> rules)
        implements ProcessorModel {

    /** What a rule does with its result. */
    public enum Operation {
        UPSERT,
        DELETE
    }

    /** The rule for one event type. */
    public record Rule(String eventType, Operation operation, JsltRule expression) {}

    public ProjectionModel {
        rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    }

    /** The table of projection {@code name}. */
    public static String tableName(String name) {
        return "rm_" + name;
    }

    /** The rule for {@code eventType}, or null. */
    public Rule ruleFor(String eventType) {
        return rules.get(eventType);
    }

    @Override
    public String kind() {
        return "projection";
    }

    /**
     * A SHA-256 over everything that decides the rows (table layout, rules, subscription): rows
     * built under another fingerprint may differ from what this projection builds.
     */
    public String fingerprint() {
        StringBuilder s = new StringBuilder(settings.canonical());
        s.append("table\0").append(table.layout()).append('\0');
        for (Map.Entry<String, Rule> e : new TreeMap<>(rules).entrySet()) {
            s.append(e.getKey())
                    .append('\0')
                    .append(e.getValue().operation())
                    .append('\0')
                    .append(e.getValue().expression().text())
                    .append('\0');
        }
        s.append("numbers\0").append(Numbers.DIGITS);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
