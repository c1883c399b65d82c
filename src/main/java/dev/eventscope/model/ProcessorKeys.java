package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keys that projections and handlers share (name, aggregateTypes, retry, sequencing) and small
 * value parsers, each reporting its problems at their place in the file.
 */
final class ProcessorKeys {

    /** Longest projection or handler name (its table is {@code rm_<name>}). */
    static final int MAX_NAME = 40;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private ProcessorKeys() {}

    /** Checks a projection or handler name: it becomes part of SQL table names. */
    static boolean name(String name, YamlNode node, String what, ModelContext context) {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches() || name.contains("__")) {
            context.problem(
                    node,
                    what + " name '" + name + "' must be lower-case letters, digits and single underscores, starting"
                            + " with a letter, at most " + MAX_NAME + " characters (it names the table rm_<name>)");
            return false;
        }
        return true;
    }

    /** Reports every key of {@code node} not in {@code known}; true when there is none. */
    static boolean knownKeys(YamlNode node, List<String> known, String owner, ModelContext context) {
        boolean ok = true;
        for (Map.Entry<String, YamlNode> e : node.fields()) {
            if (!known.contains(e.getKey())) {
                context.problem(
                        e.getValue(),
                        owner + " has an unknown key '" + e.getKey() + "' (known: " + String.join(", ", known) + ")");
                ok = false;
            }
        }
        return ok;
    }

    /** A non-empty list of non-blank strings, or null after reporting why not. */
    static Set<String> strings(YamlNode node, String what, ModelContext context) {
        if (!node.json().isArray() || node.json().isEmpty()) {
            context.problem(
                    node, what + " must be a non-empty list of names, such as [OrderShipped], got " + node.kind());
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (YamlNode e : node.elements()) {
            if (!e.json().isTextual() || e.json().textValue().isBlank()) {
                context.problem(e, what + " must hold names (strings), got " + e.kind());
                return null;
            }
            out.add(e.json().textValue());
        }
        return out;
    }

    /** The {@code aggregateTypes} key: empty (any) when absent, null after a problem. */
    static Set<String> aggregateTypes(YamlNode owner, String ownerName, ModelContext context) {
        YamlNode node = owner.get("aggregateTypes");
        return node == null ? Set.of() : strings(node, "aggregateTypes of " + ownerName, context);
    }

    /** The {@code retry} key ({@code {attempts: N, backoff: 200ms}}), or {@code fallback}; null after a problem. */
    static RetryPolicy retry(YamlNode owner, RetryPolicy fallback, String ownerName, ModelContext context) {
        YamlNode node = owner.get("retry");
        if (node == null) {
            return fallback;
        }
        if (!node.isObject()) {
            context.problem(
                    node,
                    "retry of " + ownerName + " must be a mapping {attempts: N, backoff: 1s}, got " + node.kind());
            return null;
        }
        if (!knownKeys(node, List.of("attempts", "backoff"), "retry of " + ownerName, context)) {
            return null;
        }
        int attempts = fallback.attempts();
        YamlNode a = node.get("attempts");
        if (a != null) {
            JsonNode v = a.json();
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1 || v.intValue() > 100) {
                context.problem(a, "attempts of " + ownerName + " must be a whole number from 1 to 100, got " + v);
                return null;
            }
            attempts = v.intValue();
        }
        Duration backoff = fallback.backoff();
        YamlNode b = node.get("backoff");
        if (b != null) {
            backoff = duration(b, "backoff of " + ownerName, true, context);
            if (backoff == null) {
                return null;
            }
        }
        return new RetryPolicy(attempts, backoff);
    }

    /** The {@code sequencing} key: aggregate (default) or none; null after a problem. */
    static Sequencing sequencing(YamlNode owner, String ownerName, ModelContext context) {
        YamlNode node = owner.get("sequencing");
        if (node == null) {
            return Sequencing.AGGREGATE;
        }
        String text = node.json().isTextual() ? node.json().textValue().toLowerCase(Locale.ROOT) : "";
        if (text.equals("aggregate")) {
            return Sequencing.AGGREGATE;
        }
        if (text.equals("none")) {
            return Sequencing.NONE;
        }
        context.problem(node, "sequencing of " + ownerName + " must be aggregate or none, got " + node.json());
        return null;
    }

    /** A duration ({@link Durations}: {@code 200ms}, {@code 2s}, {@code 5m}, {@code 1h}, ...); null after a problem. */
    static Duration duration(YamlNode node, String what, boolean zeroAllowed, ModelContext context) {
        Duration d;
        try {
            if (!node.json().isTextual()) {
                throw new IllegalArgumentException("not text");
            }
            d = Durations.parse(node.json().textValue());
        } catch (IllegalArgumentException e) {
            context.problem(node, what + " must be a duration such as 200ms, 2s, 5m or 1h, got " + node.json());
            return null;
        }
        if (d.isZero() && !zeroAllowed) {
            context.problem(node, what + " must be longer than 0");
            return null;
        }
        return d;
    }

    /** A list of strings with at least one element (a command line), or null after a problem. */
    static List<String> argv(YamlNode node, String what, ModelContext context) {
        if (!node.json().isArray() || node.json().isEmpty()) {
            context.problem(
                    node, what + " must be a list of arguments such as [sh, handlers/notify.sh], got " + node.kind());
            return null;
        }
        List<String> out = new ArrayList<>();
        for (YamlNode e : node.elements()) {
            if (!e.json().isValueNode() || e.json().isNull()) {
                context.problem(e, what + " must hold strings, got " + e.kind());
                return null;
            }
            out.add(e.json().asText());
        }
        if (out.get(0).isBlank()) {
            context.problem(node, what + " must start with the program to run");
            return null;
        }
        return out;
    }
}
