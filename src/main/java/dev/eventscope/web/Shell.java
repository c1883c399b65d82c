package dev.eventscope.web;

import java.util.regex.Pattern;

/** Command lines shown in pages ("the same in a terminal"), with each word quoted for a POSIX shell. */
final class Shell {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:@%+=,-]+");

    private Shell() {}

    /** {@code word} as one shell word: as it is when it needs no quoting, else in single quotes. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
