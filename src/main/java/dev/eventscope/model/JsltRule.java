package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import com.schibsted.spt.data.jslt.filters.TrueJsonFilter;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import dev.eventscope.event.Text;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled JSLT expression of the model (a reducer, a predicate, ...), ready to run many times.
 *
 * <p>Compiled once with every pitfall of JSLT handled (docs/adr/0020-jslt-rules.md): keys whose
 * value is {@code null}, {@code []} or {@code {}} are kept (the default object filter would drop
 * them), imports are refused, calls of {@code now()}, {@code random()} and {@code uuid()} and
 * unknown variables are refused before anything runs, and every floating-point number a rule
 * produces is rounded by the {@link Numbers} policy. Errors point into the model file.
 *
 * <p>Evaluation binds {@code .} to the event, {@code $event} to the event and {@code $state} to the
 * state. Thread-safe: a rule keeps nothing between evaluations (each gets its own variables), so
 * one compiled model serves every thread.
 */
public final class JsltRule {

    /** What a rule must produce. */
    public enum Kind {
        /** a new state: an object */
        REDUCER("an object"),
        /** a condition: a boolean */
        PREDICATE("a boolean"),
        /** any JSON value */
        VALUE("a JSON value");

        private final String expected;

        Kind(String expected) {
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    /** The variables a reducer or a condition on the state is given. */
    public static final Set<String> EVENT_AND_STATE = Set.of("event", "state");

    /** The variables a condition on one event is given. */
    public static final Set<String> EVENT_ONLY = Set.of("event");

    private static final Pattern JAVACC_POSITION = Pattern.compile(" at line (-?\\d+), column (-?\\d+)\\.?");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final RuleSource source;
    private final Kind kind;
    private final Expression expression;
    // a reducer of the shape $state | {"k": e, ..., * : .} (MergeShape): the array of its values, and
    // the keys they go to; null for every other rule
    private final Expression mergeValues;
    private final String[] mergeKeys;

    private JsltRule(
            String text,
            RuleSource source,
            Kind kind,
            Expression expression,
            Expression mergeValues,
            String[] mergeKeys) {
        this.text = text;
        this.source = source;
        this.kind = kind;
        this.expression = expression;
        this.mergeValues = mergeValues;
        this.mergeKeys = mergeKeys;
    }

    /**
     * Compiles {@code text}.
     *
     * @param variables the variables the rule is given (without {@code $})
     * @throws InvalidInputException listing every problem, each located in the model file
     */
    public static JsltRule compile(String text, RuleSource source, Kind kind, Set<String> variables) {
        JsltChecks.Problem deep = JsltChecks.tooDeep(text);
        if (deep != null) {
            throw invalid(source, List.of(source.locate(deep.line(), deep.column()) + ": " + deep.message()));
        }
        Expression expression;
        try {
            expression = compileJslt(text, source);
        } catch (JsltException e) {
            String first = firstLine(e.getMessageWithoutLocation());
            int line = e.getLine();
            int column = e.getColumn();
            // a parse error's own text has the exact position (the exception's points at the token before)
            Matcher at = JAVACC_POSITION.matcher(first);
            if (at.find()) {
                line = Integer.parseInt(at.group(1));
                column = Integer.parseInt(at.group(2));
            }
            String message = JAVACC_POSITION.matcher(first).replaceAll("");
            throw invalid(source, List.of(locate(source, line, column) + ": " + message));
        } catch (RuntimeException e) {
            throw invalid(source, List.of(source.at() + ": " + e));
        } catch (StackOverflowError e) {
            // nesting is bounded above; a long enough chain of operators still recurses this deep
            throw invalid(source, List.of(source.at() + ": too long or too deeply nested to compile"));
        }
        List<String> problems = new ArrayList<>();
        for (JsltChecks.Problem p : JsltChecks.check(text, variables)) {
            problems.add(source.locate(p.line(), p.column()) + ": " + p.message());
        }
        if (!problems.isEmpty()) {
            throw invalid(source, problems);
        }
        MergeShape.Parsed merge = kind == Kind.REDUCER && variables.contains("state") ? MergeShape.parse(text) : null;
        if (merge != null) {
            try {
                Expression values = compileJslt(merge.valuesText(), source);
                return new JsltRule(
                        text, source, kind, expression, values, merge.keys().toArray(new String[0]));
            } catch (RuntimeException | StackOverflowError notAnArray) {
                // runs as written
            }
        }
        return new JsltRule(text, source, kind, expression, null, null);
    }

    private static Expression compileJslt(String text, RuleSource source) {
        return new Parser(new StringReader(text))
                .withSource(source.jsltName())
                .withObjectFilter(new TrueJsonFilter())
                .withResourceResolver(name -> {
                    throw new JsltException("import \"" + name + "\" is not supported in model rules: write the"
                            + " functions into the rule (def), or supply a plugin");
                })
                .compile();
    }

    private static InvalidInputException invalid(RuleSource source, List<String> located) {
        boolean argument = source.style() == RuleSource.Style.ARGUMENT;
        List<String> problems = new ArrayList<>();
        for (String p : located) {
            problems.add(argument ? p : p + " (rule " + source.name() + ")");
        }
        return new InvalidInputException(
                (argument ? "" : "rule ") + source.name() + " does not compile",
                problems,
                "rules are JSLT expressions over . (the event), $event and $state; see the README section on the model");
    }

    private static String locate(RuleSource source, int line, int column) {
        return line < 0 ? source.at() : source.locate(line, column);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    public String text() {
        return text;
    }

    /** True when this reducer runs as a merge into the state ({@link MergeShape}). */
    boolean runsAsMerge() {
        return mergeValues != null;
    }

    public RuleSource source() {
        return source;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Runs the rule on {@code event} (a tree in the event's output shape) and {@code state}
     * (null: the variable is not bound), and checks the result has this rule's kind.
     *
     * @throws RuleFailure when JSLT fails or the result has the wrong type
     */
    public JsonNode apply(JsonNode event, JsonNode state) {
        JsonNode merged = mergeValues != null && state != null && state.isObject() ? merge(event, state) : null;
        return checked(merged != null ? merged : evaluate(event, state), state);
    }

    /** {@link #apply} always through the expression as written, never as a merge (for tests). */
    JsonNode applyAsWritten(JsonNode event, JsonNode state) {
        return checked(evaluate(event, state), state);
    }

    /**
     * The result of a merge-shaped reducer: the state's keys in their order, those the rule lists
     * with their new values, then the listed keys the state did not have, in the rule's order. The
     * same object (up to key order, which the folder restores to this order anyway) the rule as
     * written returns. Null when evaluating the values fails: the rule as written then reports the
     * failure with its own location.
     */
    private JsonNode merge(JsonNode event, JsonNode state) {
        JsonNode values;
        try {
            values = mergeValues.apply(variables(event, state), state);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
        if (values == null || !values.isArray() || values.size() != mergeKeys.length) {
            return null;
        }
        ObjectNode out = NODES.objectNode();
        boolean[] set = new boolean[mergeKeys.length];
        Iterator<Map.Entry<String, JsonNode>> fields = state.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey();
            int listed = indexOf(key);
            if (listed < 0) {
                out.set(key, f.getValue());
            } else {
                out.set(key, values.get(listed));
                set[listed] = true;
            }
        }
        for (int i = 0; i < mergeKeys.length; i++) {
            if (!set[i]) {
                out.set(mergeKeys[i], values.get(i));
            }
        }
        return out;
    }

    private int indexOf(String key) {
        for (int i = 0; i < mergeKeys.length; i++) {
            if (mergeKeys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode evaluate(JsonNode event, JsonNode state) {
        JsonNode result;
        try {
            result = expression.apply(variables(event, state), event);
        } catch (JsltException e) {
            throw new RuleFailure(
                    source,
                    e.getLine() < 0 ? source.at() : source.locate(e.getLine(), e.getColumn()),
                    firstLine(e.getMessageWithoutLocation()),
                    e);
        } catch (StackOverflowError e) {
            throw new RuleFailure(source, source.at(), "recursed too deeply (a function that never stops?)", null);
        } catch (RuntimeException e) {
            throw new RuleFailure(source, source.at(), describe(e), e);
        }
        return result == null ? com.fasterxml.jackson.databind.node.NullNode.instance : result;
    }

    /**
     * The variables of one evaluation, made for it: a rule keeps no state between calls, so one
     * compiled model serves any number of threads (the engines of one {@code Engines}).
     */
    private static Map<String, JsonNode> variables(JsonNode event, JsonNode state) {
        JsonNode e = event == null ? NullNode.instance : event;
        return state == null ? Map.of("event", e) : Map.of("event", e, "state", state);
    }

    private JsonNode checked(JsonNode result, JsonNode state) {
        switch (kind) {
            case REDUCER:
                if (!result.isObject()) {
                    throw wrongType(result);
                }
                break;
            case PREDICATE:
                if (!result.isBoolean()) {
                    throw wrongType(result);
                }
                return result;
            default:
                break;
        }
        try {
            return kind == Kind.REDUCER ? Numbers.normalize(result, state) : Numbers.normalize(result);
        } catch (Numbers.NotFinite e) {
            throw new RuleFailure(source, source.at(), e.getMessage(), null);
        }
    }

    /** Runs a predicate rule. */
    public boolean test(JsonNode event, JsonNode state) {
        return apply(event, state).booleanValue();
    }

    private RuleFailure wrongType(JsonNode result) {
        return new RuleFailure(
                source,
                source.at(),
                "must return " + kind.expected() + ", got " + Json.kind(result) + " "
                        + Text.printable(result.toString(), 80),
                null);
    }

    private static String describe(RuntimeException e) {
        if (e instanceof ArithmeticException) {
            return "arithmetic failed: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
