package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import com.schibsted.spt.data.jslt.filters.TrueJsonFilter;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Json;
import dev.eventscope.event.Text;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
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
 * state. Not thread-safe only in that the variables map is reused: use one rule per thread.
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

    private final String text;
    private final RuleSource source;
    private final Kind kind;
    private final Expression expression;
    private final Map<String, JsonNode> variables = new HashMap<>(4);

    private JsltRule(String text, RuleSource source, Kind kind, Expression expression) {
        this.text = text;
        this.source = source;
        this.kind = kind;
        this.expression = expression;
    }

    /**
     * Compiles {@code text}.
     *
     * @param variables the variables the rule is given (without {@code $})
     * @throws InvalidInputException listing every problem, each located in the model file
     */
    public static JsltRule compile(String text, RuleSource source, Kind kind, Set<String> variables) {
        Expression expression;
        try {
            expression = new Parser(new StringReader(text))
                    .withSource(source.jsltName())
                    .withObjectFilter(new TrueJsonFilter())
                    .withResourceResolver(name -> {
                        throw new JsltException("import \"" + name + "\" is not supported in model rules: write the"
                                + " functions into the rule (def), or supply a plugin");
                    })
                    .compile();
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
        }
        List<String> problems = new ArrayList<>();
        for (JsltChecks.Problem p : JsltChecks.check(text, variables)) {
            problems.add(source.locate(p.line(), p.column()) + ": " + p.message());
        }
        if (!problems.isEmpty()) {
            throw invalid(source, problems);
        }
        return new JsltRule(text, source, kind, expression);
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

    /** The same rule with its own variables, for use on another thread (the expression is shared). */
    public JsltRule copy() {
        return new JsltRule(text, source, kind, expression);
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
        variables.put("event", event);
        if (state != null) {
            variables.put("state", state);
        }
        JsonNode result;
        try {
            result = expression.apply(variables, event);
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
        } finally {
            variables.remove("state");
        }
        if (result == null) {
            result = com.fasterxml.jackson.databind.node.NullNode.instance;
        }
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
