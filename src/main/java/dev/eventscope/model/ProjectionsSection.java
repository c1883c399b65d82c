package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.store.ReadModelTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code projections:} section (DESIGN §6): per projection a {@code key} column, the
 * {@code columns} with their SQLite types (TEXT, INTEGER, REAL), and {@code on} each event type a
 * rule that gives the row to {@code upsert} or the key to {@code delete}. Optional:
 * {@code aggregateTypes}, {@code retry}, {@code sequencing}.
 *
 * <p>Every rule is dry-run on a synthetic event: it must give an object (or null), naming only
 * declared columns and always the key.
 */
final class ProjectionsSection implements ModelSection {

    private static final List<String> KEYS = List.of("key", "columns", "on", "aggregateTypes", "retry", "sequencing");

    @Override
    public String key() {
        return "projections";
    }

    @Override
    public void load(YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.isObject()) {
            context.problem(node, "'projections' must be a mapping of projection names, got " + node.kind());
            return;
        }
        for (Map.Entry<String, YamlNode> entry : node.fields()) {
            ProjectionModel p = loadProjection(entry.getKey(), entry.getValue(), context);
            if (p != null) {
                if (model.hasProcessor(p.name())) {
                    context.problem(
                            entry.getValue(),
                            "projection " + p.name() + ": a handler has the same name (projections and handlers"
                                    + " share one namespace)");
                } else {
                    model.processor(p);
                }
            }
        }
    }

    private ProjectionModel loadProjection(String name, YamlNode node, ModelContext context) {
        String owner = "projection " + name;
        if (!ProcessorKeys.name(name, node, "projection", context)) {
            return null;
        }
        if (!node.isObject()) {
            context.problem(node, owner + " must be a mapping (key, columns, on), got " + node.kind());
            return null;
        }
        boolean ok = ProcessorKeys.knownKeys(node, KEYS, owner, context);
        ReadModelTable table = table(name, node, owner, context);
        Set<String> aggregateTypes = ProcessorKeys.aggregateTypes(node, owner, context);
        RetryPolicy retry = ProcessorKeys.retry(node, RetryPolicy.ONCE, owner, context);
        Sequencing sequencing = ProcessorKeys.sequencing(node, owner, context);
        Map<String, ProjectionModel.Rule> rules = new LinkedHashMap<>();
        YamlNode on = node.get("on");
        if (on == null) {
            context.problem(node, owner + " has no 'on' (the rule for each event type)");
            ok = false;
        } else if (!on.isObject() || on.json().isEmpty()) {
            context.problem(on, "'on' of " + owner + " must map event types to {upsert: RULE} or {delete: RULE}");
            ok = false;
        } else {
            for (Map.Entry<String, YamlNode> r : on.fields()) {
                ProjectionModel.Rule rule = rule(name, r.getKey(), r.getValue(), context);
                if (rule == null) {
                    ok = false;
                } else {
                    rules.put(r.getKey(), rule);
                }
            }
        }
        if (!ok || table == null || aggregateTypes == null || retry == null || sequencing == null) {
            return null;
        }
        var settings = new ProcessorSettings(name, new Subscription(rules.keySet(), aggregateTypes), retry, sequencing);
        ProjectionModel projection = new ProjectionModel(settings, table, rules);
        String dryRunType =
                aggregateTypes.isEmpty() ? "Any" : aggregateTypes.iterator().next();
        for (ProjectionModel.Rule rule : rules.values()) {
            dryRun(projection, rule, dryRunType, context);
        }
        return projection;
    }

    private static ReadModelTable table(String name, YamlNode node, String owner, ModelContext context) {
        YamlNode columnsNode = node.get("columns");
        YamlNode keyNode = node.get("key");
        if (columnsNode == null || !columnsNode.isObject() || columnsNode.json().isEmpty()) {
            context.problem(
                    columnsNode == null ? node : columnsNode,
                    owner + " needs 'columns': a mapping of column names to TEXT, INTEGER or REAL");
            return null;
        }
        List<ReadModelTable.Column> columns = new ArrayList<>();
        boolean ok = true;
        for (Map.Entry<String, YamlNode> c : columnsNode.fields()) {
            if (!ReadModelTable.isIdentifier(c.getKey())) {
                context.problem(
                        c.getValue(),
                        "column '" + c.getKey() + "' of " + owner + " must match [a-z][a-z0-9_]* (at most "
                                + ReadModelTable.MAX_NAME + " characters)");
                ok = false;
                continue;
            }
            JsonNode type = c.getValue().json();
            ReadModelTable.ColumnType t = null;
            if (type.isTextual()) {
                for (ReadModelTable.ColumnType candidate : ReadModelTable.ColumnType.values()) {
                    if (candidate.name().equals(type.textValue().toUpperCase(Locale.ROOT))) {
                        t = candidate;
                    }
                }
            }
            if (t == null) {
                context.problem(
                        c.getValue(),
                        "column " + c.getKey() + " of " + owner + " must have the type TEXT, INTEGER or REAL, got "
                                + type);
                ok = false;
            } else {
                columns.add(new ReadModelTable.Column(c.getKey(), t));
            }
        }
        if (keyNode == null || !keyNode.json().isTextual()) {
            context.problem(keyNode == null ? node : keyNode, owner + " needs 'key': the name of its key column");
            return null;
        }
        String key = keyNode.json().textValue();
        if (!columnsNode.json().has(key)) {
            context.problem(keyNode, "key " + key + " of " + owner + " is not one of its columns");
            return null;
        }
        return ok ? new ReadModelTable(ProjectionModel.tableName(name), key, columns) : null;
    }

    private static ProjectionModel.Rule rule(String projection, String eventType, YamlNode node, ModelContext context) {
        String owner = "on." + eventType + " of projection " + projection;
        if (!node.isObject()
                || node.json().size() != 1
                || !(node.json().has("upsert") || node.json().has("delete"))) {
            context.problem(node, owner + " must be {upsert: RULE} or {delete: RULE}");
            return null;
        }
        boolean upsert = node.json().has("upsert");
        YamlNode ruleNode = node.get(upsert ? "upsert" : "delete");
        JsltRule rule =
                context.compile(ruleNode, projection + "." + eventType, JsltRule.Kind.VALUE, JsltRule.EVENT_ONLY);
        if (rule == null) {
            return null;
        }
        return new ProjectionModel.Rule(
                eventType, upsert ? ProjectionModel.Operation.UPSERT : ProjectionModel.Operation.DELETE, rule);
    }

    private static void dryRun(
            ProjectionModel p, ProjectionModel.Rule rule, String aggregateType, ModelContext context) {
        JsonNode result;
        try {
            result = rule.expression().apply(DryRun.event(aggregateType, rule.eventType()), null);
        } catch (RuleFailure f) {
            if (DryRun.refusedOnPurpose(f)) {
                return;
            }
            context.problem(DryRun.describe(f, rule.eventType()));
            return;
        }
        String where = rule.expression().source().at() + ": rule "
                + rule.expression().source().name();
        if (result.isNull()) {
            return;
        }
        if (!result.isObject()) {
            context.problem(where + " must give an object (the row) or null, got " + Json.kind(result));
            return;
        }
        if (!result.has(p.table().key())) {
            context.problem(where + " must give the key column " + p.table().key());
        }
        for (Iterator<String> it = result.fieldNames(); it.hasNext(); ) {
            String column = it.next();
            if (p.table().column(column) == null) {
                context.problem(where + " gives '" + column + "', which is not a column of " + p.name() + " (columns: "
                        + String.join(", ", p.table().columnNames()) + ")");
            } else if (rule.operation() == ProjectionModel.Operation.DELETE
                    && !column.equals(p.table().key())) {
                context.problem(where + " deletes by the key " + p.table().key() + " only; leave out '" + column + "'");
            }
        }
    }
}
