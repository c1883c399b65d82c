package dev.eventscope.e2e.readme;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Whether a text is a whole shell command, as far as a reader of a README needs: quotes closed,
 * here-documents ended, and no line continued by a trailing {@code \}, pipe or {@code &&}/{@code ||}.
 */
final class ShellText {

    private ShellText() {}

    static boolean complete(String text) {
        boolean single = false;
        boolean dbl = false;
        Deque<String> heredocs = new ArrayDeque<>();
        String[] lines = text.split("\n", -1);
        int l = 0;
        String lastCode = "";
        while (l < lines.length) {
            String line = lines[l];
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (single) {
                    if (c == '\'') {
                        single = false;
                    }
                    code.append(c);
                } else if (dbl) {
                    if (c == '\\' && i + 1 < line.length()) {
                        code.append(c).append(line.charAt(++i));
                    } else {
                        if (c == '"') {
                            dbl = false;
                        }
                        code.append(c);
                    }
                } else if (c == '\\' && i + 1 < line.length()) {
                    code.append(c).append(line.charAt(++i));
                } else if (c == '\'') {
                    single = true;
                    code.append(c);
                } else if (c == '"') {
                    dbl = true;
                    code.append(c);
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    break;
                } else if (c == '<' && line.startsWith("<<", i) && !line.startsWith("<<<", i)) {
                    int j = i + 2;
                    boolean strip = j < line.length() && line.charAt(j) == '-';
                    if (strip) {
                        j++;
                    }
                    while (j < line.length() && line.charAt(j) == ' ') {
                        j++;
                    }
                    int k = j;
                    while (k < line.length()
                            && !Character.isWhitespace(line.charAt(k))
                            && ";|&<>)".indexOf(line.charAt(k)) < 0) {
                        k++;
                    }
                    String word = line.substring(j, k)
                            .replace("'", "")
                            .replace("\"", "")
                            .replace("\\", "");
                    heredocs.add((strip ? "-" : "") + word);
                    code.append(line, i, k);
                    i = k - 1;
                } else {
                    code.append(c);
                }
            }
            l++;
            if (!single && !dbl) {
                // here-documents begin on the next line and end at their word alone on a line
                while (!heredocs.isEmpty()) {
                    String word = heredocs.poll();
                    boolean strip = word.startsWith("-");
                    String end = strip ? word.substring(1) : word;
                    boolean ended = false;
                    while (l < lines.length) {
                        String body = strip ? lines[l].replaceFirst("^\t+", "") : lines[l];
                        l++;
                        if (body.equals(end)) {
                            ended = true;
                            break;
                        }
                    }
                    if (!ended) {
                        return false;
                    }
                }
            }
            lastCode = code.toString().stripTrailing();
        }
        if (single || dbl) {
            return false;
        }
        return !(lastCode.endsWith("\\") && !lastCode.endsWith("\\\\")
                || lastCode.endsWith("|")
                || lastCode.endsWith("&&"));
    }
}
