package dev.eventscope.store.sql;

import dev.eventscope.error.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statement check of {@code evs query}, shared by the store adapters: one statement, a SELECT
 * or a WITH … SELECT, nothing else. It reads the lexical structure SQLite and PostgreSQL share
 * (strings, quoted names, comments) so that words inside them never count; what it cannot read
 * (PostgreSQL's dollar quotes) makes it refuse, never accept.
 *
 * <p>This is the first guard only: each adapter also runs the query where nothing can be written
 * (SQLite: a read-only connection with {@code PRAGMA query_only}; PostgreSQL: a READ ONLY
 * transaction), so a statement that slipped past the check still cannot write.
 */
public final class SelectGuard {

    private static final String HINT = "evs query runs one SELECT (or WITH … SELECT) statement; change read models"
            + " with 'evs process' and 'evs project rebuild'";

    private SelectGuard() {}

    /** A word or a punctuation mark outside strings and comments, with its parenthesis depth. */
    record Token(String text, int depth) {}

    /** Refuses {@code sql} unless it is one SELECT (or WITH … SELECT, or VALUES) statement. */
    public static void check(String sql) {
        List<Token> tokens = tokens(sql);
        if (tokens.isEmpty()) {
            throw new UsageException("the query is empty", HINT);
        }
        int end = tokens.size();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).text().equals(";")) {
                for (int j = i + 1; j < tokens.size(); j++) {
                    if (!tokens.get(j).text().equals(";")) {
                        throw new UsageException("the query has more than one statement", HINT);
                    }
                }
                end = i;
                break;
            }
        }
        String first = tokens.get(0).text().toUpperCase(Locale.ROOT);
        if (first.equals("SELECT") || first.equals("VALUES")) {
            return;
        }
        if (!first.equals("WITH")) {
            throw new UsageException("only a SELECT can be run, not " + first, HINT);
        }
        // after the common table expressions, the first top-level statement word decides
        for (int i = 1; i < end; i++) {
            Token t = tokens.get(i);
            if (t.depth() != 0) {
                continue;
            }
            String word = t.text().toUpperCase(Locale.ROOT);
            if (word.equals("SELECT") || word.equals("VALUES")) {
                return;
            }
            if (word.equals("INSERT") || word.equals("UPDATE") || word.equals("DELETE") || word.equals("REPLACE")) {
                throw new UsageException("only a SELECT can be run, not WITH … " + word, HINT);
            }
        }
        throw new UsageException("the WITH clause is not followed by a SELECT", HINT);
    }

    static List<Token> tokens(String sql) {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
                out.add(new Token("?", depth));
            } else if (c == '[') {
                int close = sql.indexOf(']', i);
                i = close < 0 ? n : close + 1;
                out.add(new Token("?", depth));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n
                        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(sql.substring(start, i), depth));
            } else if (c == '(') {
                out.add(new Token("(", depth));
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                out.add(new Token(")", depth));
                i++;
            } else {
                out.add(new Token(String.valueOf(c), depth));
                i++;
            }
        }
        return out;
    }

    /** Skips a quoted string or name starting at {@code start}; a doubled quote is an escaped one. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
