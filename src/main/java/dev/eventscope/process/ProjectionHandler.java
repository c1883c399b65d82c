package dev.eventscope.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.pipeline.EventTree;
import dev.eventscope.store.ReadModelTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a projection's rules: each event becomes an upsert of the row its rule gives (only those
 * columns), a delete by key, or nothing (the rule gave null). Values are converted to the column's
 * type: TEXT takes strings (numbers and booleans as their text, objects and arrays as JSON),
 * INTEGER whole numbers and booleans (1/0), REAL numbers. Anything else fails the event.
 */
final class ProjectionHandler implements Handler {

    private final ProjectionModel projection;
    private final ReadModelTable table;

    /** @param table where the rows go: the live table, or the one a rebuild fills */
    ProjectionHandler(ProjectionModel projection, ReadModelTable table) {
        this.projection = projection;
        this.table = table;
    }

    @Override
    public Effects handle(Unit unit) throws HandlerFailure {
        List<Effects.RowChange> rows = new ArrayList<>();
        for (RecordedEvent e : unit.events()) {
            ProjectionModel.Rule rule = projection.ruleFor(e.eventType());
            if (rule == null) {
                continue;
            }
            JsonNode result;
            try {
                result = rule.expression().apply(EventTree.of(e), null);
            } catch (RuleFailure f) {
                throw new HandlerFailure(f.location() + ": rule " + f.source().name() + " failed: " + f.getMessage());
            }
            if (result.isNull()) {
                continue;
            }
            String rulePlace = "rule " + rule.expression().source().name();
            if (!result.isObject()) {
                throw new HandlerFailure(rulePlace + " gave " + Json.kind(result) + " "
                        + Text.printable(result.toString(), 80) + ", not a row (an object) or null");
            }
            Map<String, Object> row = row(result, rulePlace);
            if (rule.operation() == ProjectionModel.Operation.DELETE) {
                rows.add(new Effects.Delete(table, row.get(table.key())));
            } else {
                rows.add(new Effects.Upsert(table, row));
            }
        }
        return new Effects(rows, List.of());
    }

    private Map<String, Object> row(JsonNode result, String rulePlace) throws HandlerFailure {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            ReadModelTable.Column column = table.column(f.getKey());
            if (column == null) {
                throw new HandlerFailure(rulePlace + " gave '" + Text.printable(f.getKey(), 60) + "', which is not a"
                        + " column of " + projection.name() + " (columns: " + String.join(", ", table.columnNames())
                        + ")");
            }
            row.put(column.name(), value(column, f.getValue(), rulePlace));
        }
        Object key = row.get(table.key());
        if (key == null) {
            throw new HandlerFailure(rulePlace + " gave no value for the key column " + table.key() + " (row "
                    + Text.printable(Json.write(result), 200) + ")");
        }
        return row;
    }

    /** {@code v} as the Java value bound for {@code column}. */
    static Object value(ReadModelTable.Column column, JsonNode v, String rulePlace) throws HandlerFailure {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        switch (column.type()) {
            case TEXT:
                if (v.isTextual()) {
                    return v.textValue();
                }
                if (v.isNumber()) {
                    return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
                }
                if (v.isBoolean()) {
                    return Boolean.toString(v.booleanValue());
                }
                return Json.write(v);
            case INTEGER:
                if (v.isBoolean()) {
                    return v.booleanValue() ? 1L : 0L;
                }
                if (v.isNumber()) {
                    BigDecimal d = v.decimalValue();
                    try {
                        return d.stripTrailingZeros().longValueExact();
                    } catch (ArithmeticException e) {
                        // falls through to the failure below
                    }
                }
                throw wrongType(column, v, rulePlace, "a whole number");
            case REAL:
            default:
                if (v.isNumber()) {
                    return v.doubleValue();
                }
                throw wrongType(column, v, rulePlace, "a number");
        }
    }

    private static HandlerFailure wrongType(ReadModelTable.Column column, JsonNode v, String rulePlace, String wanted) {
        return new HandlerFailure(rulePlace + " gave " + Json.kind(v) + " " + Text.printable(v.toString(), 80)
                + " for column " + column.name() + " (" + column.type() + "), which takes " + wanted);
    }
}
