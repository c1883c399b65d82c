package dev.eventscope.model;

import com.schibsted.spt.data.jslt.parser.JsltParserConstants;
import com.schibsted.spt.data.jslt.parser.JsltParserTokenManager;
import com.schibsted.spt.data.jslt.parser.SimpleCharStream;
import com.schibsted.spt.data.jslt.parser.Token;
import com.schibsted.spt.data.jslt.parser.TokenMgrError;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks on a rule's text that JSLT's compiler does not make, done on JSLT's own tokens (so text
 * inside strings and comments never counts):
 *
 * <ul>
 *   <li>no call of a function whose result changes from run to run ({@code now()}, {@code
 *       random()}, {@code uuid()} without arguments): replays must be deterministic;
 *   <li>no variable other than the ones the rule is given ({@code $event}, {@code $state}) and the
 *       ones it declares itself ({@code let}, function parameters). JSLT only notices an unknown
 *       variable when evaluation reaches it, which may be half-way through a replay.
 * </ul>
 */
final class JsltChecks {

    /** One problem at a line and column of the rule's text (1-based). */
    record Problem(int line, int column, String message) {}

    /** Functions refused in rules, with why. {@code uuid} is refused only without arguments. */
    static final Set<String> NON_DETERMINISTIC = Set.of("now", "random", "uuid");

    private JsltChecks() {}

    static List<Problem> check(String text, Set<String> givenVariables) {
        List<Token> tokens = tokens(text);
        Set<String> declared = new HashSet<>(givenVariables);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == JsltParserConstants.LET && tokens.get(i + 1).kind == JsltParserConstants.IDENT) {
                declared.add(tokens.get(i + 1).image);
            }
            if (t.kind == JsltParserConstants.DEF && i + 2 < tokens.size()) {
                for (int j = i + 3; j < tokens.size() && tokens.get(j).kind != JsltParserConstants.RPAREN; j++) {
                    if (tokens.get(j).kind == JsltParserConstants.IDENT) {
                        declared.add(tokens.get(j).image);
                    }
                }
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).kind == JsltParserConstants.LPAREN;
            boolean declaration = i > 0 && tokens.get(i - 1).kind == JsltParserConstants.DEF;
            if (t.kind == JsltParserConstants.IDENT && call && !declaration && NON_DETERMINISTIC.contains(t.image)) {
                boolean noArguments = i + 2 < tokens.size() && tokens.get(i + 2).kind == JsltParserConstants.RPAREN;
                if (!t.image.equals("uuid") || noArguments) {
                    problems.add(new Problem(
                            t.beginLine,
                            t.beginColumn,
                            t.image + "() is not allowed in rules: its result changes from run to run, and replays"
                                    + " must give the same state every time (use $event.timestamp or"
                                    + " $event.eventId instead)"));
                }
            }
            if (t.kind == JsltParserConstants.VARIABLE) {
                String name = t.image.substring(1);
                if (!declared.contains(name)) {
                    problems.add(new Problem(
                            t.beginLine,
                            t.beginColumn,
                            "unknown variable " + t.image + " (this rule can use "
                                    + String.join(
                                            ", ",
                                            givenVariables.stream()
                                                    .sorted()
                                                    .map(v -> "$" + v)
                                                    .toList())
                                    + " and the variables it declares with let)"));
                }
            }
        }
        return problems;
    }

    /**
     * Deepest nesting of parentheses, brackets and braces a rule may have. JSLT's compiler is a
     * recursive-descent parser: a few thousand levels overflow its stack (exit 70 before this
     * check), while no rule a person writes comes near this many.
     */
    static final int MAX_NESTING = 200;

    /** The bracket that opens nesting level {@value #MAX_NESTING} + 1, or null. */
    static Problem tooDeep(String text) {
        int depth = 0;
        for (Token t : tokens(text)) {
            if (t.kind == JsltParserConstants.LPAREN
                    || t.kind == JsltParserConstants.LBRACKET
                    || t.kind == JsltParserConstants.LCURLY) {
                if (++depth > MAX_NESTING) {
                    return new Problem(
                            t.beginLine,
                            t.beginColumn,
                            "nested more than " + MAX_NESTING + " levels deep (parentheses, brackets and braces)");
                }
            } else if (t.kind == JsltParserConstants.RPAREN
                    || t.kind == JsltParserConstants.RBRACKET
                    || t.kind == JsltParserConstants.RCURLY) {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }

    private static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        try {
            JsltParserTokenManager lexer = new JsltParserTokenManager(new SimpleCharStream(new StringReader(text)));
            for (Token t = lexer.getNextToken(); t.kind != JsltParserConstants.EOF; t = lexer.getNextToken()) {
                out.add(t);
            }
        } catch (TokenMgrError e) {
            // a lexical error: the compiler reports it with its location; check what was read
        }
        return out;
    }
}
