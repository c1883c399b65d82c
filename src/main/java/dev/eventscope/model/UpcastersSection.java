package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code upcasters:} section: a list of steps {@code {type, from, to, transform, renameTo}}
 * where {@code to} is {@code from + 1}, {@code transform} a JSLT rule over the event and
 * {@code renameTo} (optional) the event type or types the rule may return instead of {@code type}.
 *
 * <p>Each step is compiled and dry-run on a synthetic event of its type and version; duplicate
 * steps are reported here, gaps once every section is loaded (they depend on the schemas too).
 */
final class UpcastersSection implements ModelSection {

    private static final Set<String> KEYS = Set.of("type", "from", "to", "transform", "renameTo");

    @Override
    public String key() {
        return "upcasters";
    }

    @Override
    public void load(YamlNode node, ModelContext context, Model.Builder model) {
        if (!node.json().isArray()) {
            context.problem(
                    node,
                    "'upcasters' must be a list of steps such as {type: OrderPlaced, from: 1, to: 2, transform: '...'},"
                            + " got " + node.kind());
            return;
        }
        Map<String, YamlNode> seen = new HashMap<>();
        for (YamlNode entry : node.elements()) {
            Upcaster u = step(entry, context);
            if (u == null) {
                continue;
            }
            String key = u.type() + "\0" + u.from();
            YamlNode first = seen.putIfAbsent(key, entry);
            if (first != null) {
                context.problem(
                        entry,
                        "a second upcaster " + u.name() + " (the first is at " + first.at()
                                + "): each type and version has one step; merge them");
                continue;
            }
            model.upcaster(u);
        }
    }

    private static Upcaster step(YamlNode entry, ModelContext context) {
        if (!entry.isObject()) {
            context.problem(entry, "an upcaster is a mapping {type, from, to, transform}, got " + entry.kind());
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, YamlNode> f : entry.fields()) {
            if (!KEYS.contains(f.getKey())) {
                context.problem(
                        f.getValue(),
                        "an upcaster has an unknown key '" + f.getKey() + "' (known: type, from, to, transform,"
                                + " renameTo)");
                ok = false;
            }
        }
        YamlNode typeNode = entry.get("type");
        String type = null;
        if (typeNode == null
                || !typeNode.json().isTextual()
                || typeNode.json().textValue().isBlank()) {
            context.problem(typeNode == null ? entry : typeNode, "an upcaster needs 'type': the event type it upcasts");
            ok = false;
        } else {
            type = typeNode.json().textValue();
        }
        int from = version(entry, "from", context);
        int to = version(entry, "to", context);
        if (from > 0 && to > 0 && to != from + 1) {
            context.problem(
                    entry.get("to"),
                    "upcaster " + type + " goes from v" + from + " to v" + to + ": 'to' must be 'from' + 1 ("
                            + (from + 1)
                            + "); a step moves one version forward, so chains cannot skip or loop back; chain several"
                            + " steps for a bigger change");
            ok = false;
        }
        Set<String> renames = renames(entry.get("renameTo"), type, context);
        if (renames == null) {
            ok = false;
        }
        YamlNode transform = entry.get("transform");
        JsltRule rule = null;
        if (transform == null) {
            context.problem(entry, "upcaster " + type + " needs 'transform': a JSLT rule that returns the new event");
            ok = false;
        } else {
            rule = context.compile(
                    transform, "upcaster " + type + " v" + from + "->v" + to, JsltRule.Kind.VALUE, JsltRule.EVENT_ONLY);
            ok &= rule != null;
        }
        if (!ok || from < 1 || to < 1) {
            return null;
        }
        Upcaster u = new Upcaster(type, from, renames, rule, entry.at());
        try {
            u.apply(synthetic(type, from));
        } catch (UpcastFailure f) {
            context.problem(f.location() + ": upcaster " + u.name() + " fails on a synthetic " + type + " v" + from
                    + " event (empty payload): " + f.getMessage());
            return null;
        }
        return u;
    }

    private static int version(YamlNode entry, String key, ModelContext context) {
        YamlNode v = entry.get(key);
        if (v == null) {
            context.problem(entry, "an upcaster needs '" + key + "': a schema version (a whole number of 1 or more)");
            return -1;
        }
        JsonNode j = v.json();
        if (!j.isIntegralNumber() || !j.canConvertToInt() || j.intValue() < 1) {
            context.problem(v, "'" + key + "' must be a schema version (a whole number of 1 or more), got " + j);
            return -1;
        }
        return j.intValue();
    }

    private static Set<String> renames(YamlNode node, String type, ModelContext context) {
        Set<String> out = new LinkedHashSet<>();
        if (node == null) {
            return out;
        }
        for (YamlNode n : node.json().isArray() ? node.elements() : java.util.List.of(node)) {
            JsonNode j = n.json();
            if (!j.isTextual() || j.textValue().isBlank() || j.textValue().length() > NewEvent.MAX_TYPE_LENGTH) {
                context.problem(n, "'renameTo' must be an event type or a list of them, got " + n.kind());
                return null;
            }
            if (!j.textValue().equals(type)) {
                out.add(j.textValue());
            }
        }
        return out;
    }

    /** An event of {@code type} v{@code version} with an empty payload, for the load-time dry run. */
    private static RecordedEvent synthetic(String type, int version) {
        return new RecordedEvent(
                1,
                new UUID(0, 0),
                type,
                new StreamId("DryRun", "dry-run"),
                1,
                version,
                Instant.EPOCH,
                Instant.EPOCH,
                JsonDoc.EMPTY_OBJECT,
                JsonDoc.EMPTY_OBJECT,
                null,
                null,
                null,
                null);
    }
}
