package dev.eventscope.e2e.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced code blocks of a Markdown document, each with its info string and the "not run"
 * marker before it, if any.
 *
 * <p>A block is one of three kinds. {@code sh} (also {@code shell}, {@code bash}) and {@code console}
 * blocks are run: {@code sh} holds commands only, {@code console} a transcript of {@code $ } commands
 * and the output each shows. Any other block is data (YAML, JSON, a diagram). A block that would be
 * run, or that is not data but shows a command ({@code $ } or {@code evs } at the start of a line),
 * must be marked when it is only an illustration, by an HTML comment on the line before its fence:
 * {@code <!-- not run: why -->}. So nothing that looks like a command escapes both the run and a
 * stated reason.
 */
final class Markdown {

    /** How a block is treated. */
    enum Kind {
        /** commands, each of which must succeed */
        SH,
        /** a transcript: commands and the output each shows */
        CONSOLE,
        /** data or an illustration: not run */
        NOT_RUN
    }

    /**
     * One fenced block.
     *
     * @param line the 1-based line of the first line inside the fence
     * @param notRun the reason given by a {@code not run} marker, or null
     */
    record Block(int line, String info, List<String> lines, String notRun) {

        Kind kind() {
            if (notRun != null) {
                return Kind.NOT_RUN;
            }
            String lang = info.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            return switch (lang) {
                case "sh", "shell", "bash" -> Kind.SH;
                case "console" -> Kind.CONSOLE;
                default -> Kind.NOT_RUN;
            };
        }

        /** Whether the block shows a command although it is neither run nor marked as not run. */
        boolean unmarkedCommand() {
            if (notRun != null || kind() != Kind.NOT_RUN) {
                return false;
            }
            return lines.stream().anyMatch(l -> l.startsWith("$ ") || l.startsWith("evs "));
        }
    }

    private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})(.*)$");
    private static final Pattern NOT_RUN = Pattern.compile("^<!--\\s*not run:\\s*(.+?)\\s*-->\\s*$");

    private Markdown() {}

    static List<Block> blocks(String text) {
        List<String> lines = text.lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            String fence = open.group(2);
            String info = open.group(3).trim();
            String notRun = null;
            if (i > 0) {
                Matcher marker = NOT_RUN.matcher(lines.get(i - 1).trim());
                if (marker.matches()) {
                    notRun = marker.group(1);
                }
            }
            List<String> body = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.size(); j++) {
                String l = lines.get(j);
                if (l.trim().startsWith(fence.substring(0, 3))
                        && l.trim().chars().allMatch(c -> c == fence.charAt(0))
                        && l.trim().length() >= fence.length()) {
                    break;
                }
                body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
            }
            blocks.add(new Block(i + 2, info, List.copyOf(body), notRun));
            i = j;
        }
        return blocks;
    }
}
