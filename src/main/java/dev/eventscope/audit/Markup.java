package dev.eventscope.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import java.time.Instant;

/** Text helpers shared by the report renderers: escaping, times, durations, patch lines. */
final class Markup {

    private Markup() {}

    /**
     * {@code text} safe inside HTML/XML text and attribute values: the five special characters as
     * entities, and every character XML 1.0 does not allow (control characters but tab and line
     * feed, U+FFFE, U+FFFF, and surrogates that are not half of a pair) as U+FFFD, so the page stays
     * well-formed XML.
     */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                i = pairOrReplacement(text, i, s);
                continue;
            }
            switch (c) {
                case '&':
                    s.append("&amp;");
                    break;
                case '<':
                    s.append("&lt;");
                    break;
                case '>':
                    s.append("&gt;");
                    break;
                case '"':
                    s.append("&quot;");
                    break;
                case '\'':
                    s.append("&#39;");
                    break;
                default:
                    s.append(c < 0x20 && c != '\n' && c != '\t' || c == '\uFFFE' || c == '\uFFFF' ? '\uFFFD' : c);
            }
        }
        return s.toString();
    }

    /**
     * Appends the surrogate pair starting at {@code i} of {@code text}, or U+FFFD for a surrogate
     * that is not the first half of one; returns the index of the last char used.
     */
    private static int pairOrReplacement(String text, int i, StringBuilder s) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            s.append(c).append(text.charAt(i + 1));
            return i + 1;
        }
        s.append('\uFFFD');
        return i;
    }

    /** {@code text} safe inside a Markdown table cell: pipes, backslashes, markup and line breaks escaped. */
    static String md(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                i = pairOrReplacement(text, i, s);
            } else if ("\\|*_`[]<>#".indexOf(c) >= 0) {
                s.append('\\').append(c);
            } else if (c == '\n' || c == '\r') {
                s.append(' ');
            } else if (c < 0x20) {
                s.append('\uFFFD');
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    static String time(Instant t) {
        return t == null ? "" : Times.format(t);
    }

    /**
     * One patch operation as a line: {@code + /path: value}, {@code - /path: old value} or {@code ~
     * /path: old -> new}, the old values looked up in {@code before} (the state the patch applies to).
     */
    static String op(JsonNode op, JsonNode before) {
        String path = op.path("path").asText();
        String shown = path.isEmpty() ? "(whole state)" : path;
        JsonNode value = op.get("value");
        JsonNode old = before == null ? null : before.at(path);
        String was = old == null || old.isMissingNode() ? "" : abbreviate(Json.write(old), 160);
        String now = value == null ? "" : abbreviate(Json.write(value), 160);
        switch (op.path("op").asText()) {
            case "add":
                return "+ " + shown + ": " + now;
            case "remove":
                return "- " + shown + (was.isEmpty() ? "" : ": " + was);
            default:
                return "~ " + shown + ": " + (was.isEmpty() ? "" : was + " -> ") + now;
        }
    }

    /** {@code s} cut to at most {@code max} chars with an ellipsis, never between the halves of a pair. */
    static String abbreviate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(s.charAt(end)) && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "\u2026";
    }

    static String user(String user) {
        return user == null ? "(no user)" : user;
    }
}
