package dev.eventscope.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The heuristic of the {@code not-past-tense} rule. An event names a fact, so its type should hold
 * a verb in the past tense ({@code OrderPlaced}, {@code FineSent}, {@code AppealSentToPrefecture}).
 * The name is split into words at case changes, digits and separators; it passes when any word is
 * a regular past form (ends in "ed", but not a short "-eed" word such as Need or Feed) or one of the
 * common irregular past forms below, and does not begin with an imperative verb (see
 * {@link #isPastTense}). It cannot tell a participle used as an adjective from a verb,
 * and it does not know every irregular verb: that is why the rule is only at level info.
 */
public final class PastTense {

    private static final Set<String> IRREGULAR = Set.of(
            "begun",
            "bought",
            "brought",
            "built",
            "caught",
            "chosen",
            "came",
            "cut",
            "dealt",
            "done",
            "drawn",
            "driven",
            "fed",
            "felt",
            "fled",
            "forgotten",
            "found",
            "frozen",
            "given",
            "gone",
            "got",
            "gotten",
            "grown",
            "heard",
            "held",
            "hidden",
            "hit",
            "kept",
            "known",
            "laid",
            "led",
            "left",
            "lent",
            "let",
            "lit",
            "lost",
            "made",
            "meant",
            "met",
            "overridden",
            "paid",
            "put",
            "quit",
            "read",
            "reset",
            "rewritten",
            "ridden",
            "risen",
            "run",
            "said",
            "seen",
            "sent",
            "set",
            "shed",
            "shown",
            "shut",
            "sold",
            "sought",
            "spent",
            "split",
            "spoken",
            "stolen",
            "stood",
            "struck",
            "stuck",
            "taken",
            "taught",
            "thought",
            "thrown",
            "told",
            "torn",
            "undone",
            "understood",
            "upheld",
            "withdrawn",
            "won",
            "worn",
            "written");

    /** First words that read as a command: the name is then reported as imperative. */
    private static final Set<String> IMPERATIVE = Set.of(
            "add",
            "adjust",
            "approve",
            "assign",
            "cancel",
            "change",
            "check",
            "close",
            "create",
            "delete",
            "determine",
            "do",
            "draft",
            "get",
            "make",
            "merge",
            "open",
            "pay",
            "place",
            "print",
            "process",
            "register",
            "remove",
            "reopen",
            "request",
            "send",
            "set",
            "ship",
            "start",
            "stop",
            "submit",
            "update");

    private PastTense() {}

    /**
     * True when some word of {@code eventType} is a past form, and it does not read as a command: a
     * name of three or more words that begins with an imperative verb ({@code
     * CreateDocumentRequestUnlicensed}) is a command even when a later word ends in "ed". Two-word
     * names pass ({@code CheckPassed}, {@code ProcessStarted}: the first word is then a noun).
     */
    public static boolean isPastTense(String eventType) {
        List<String> w = words(eventType);
        if (w.size() > 2 && IMPERATIVE.contains(w.get(0))) {
            return false;
        }
        for (String word : w) {
            if (isPastForm(word)) {
                return true;
            }
        }
        return false;
    }

    /** Why {@code eventType} is not in the past tense: it reads as a command, or holds no past form. */
    public static String reason(String eventType) {
        List<String> w = words(eventType);
        if (!w.isEmpty() && IMPERATIVE.contains(w.get(0))) {
            return "reads as a command (imperative '" + w.get(0) + "')";
        }
        return "has no verb in the past tense";
    }

    static boolean isPastForm(String word) {
        if (IRREGULAR.contains(word)) {
            return true;
        }
        return word.length() > 3 && word.endsWith("ed") && !(word.endsWith("eed") && word.length() <= 5);
    }

    /** The lower-case words of a CamelCase, snake_case, kebab-case or dotted name. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetter(c)) {
                flush(w, out);
                continue;
            }
            boolean boundary = Character.isUpperCase(c)
                    && w.length() > 0
                    && (Character.isLowerCase(name.charAt(i - 1))
                            || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
            if (boundary) {
                flush(w, out);
            }
            w.append(c);
        }
        flush(w, out);
        return out;
    }

    private static void flush(StringBuilder w, List<String> out) {
        if (w.length() > 0) {
            out.add(w.toString().toLowerCase(Locale.ROOT));
            w.setLength(0);
        }
    }
}
