package dev.eventscope.e2e.readme;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands of a runnable block, in order, each with the output the block shows for it.
 *
 * <p>In an {@code sh} block every command is one step and shows no output. In a {@code console}
 * block a step starts at a line beginning with {@code $ }; the lines after its command, up to the
 * next {@code $ }, are what it shows (stdout and stderr as a terminal shows them). A command goes on
 * over several lines while a quote, a here-document or a trailing {@code \}, {@code |}, {@code &&}
 * or {@code ||} is open, as it does in a shell.
 */
final class Steps {

    /**
     * One command.
     *
     * @param line the 1-based line of the command in its document
     * @param shown the output the document shows, or null when it shows none (an {@code sh} block)
     */
    record Step(int line, String command, List<String> shown) {

        /** Whether this step only shows the exit code of the one before ({@code echo $?}). */
        boolean echoesExitCode() {
            return command.strip().equals("echo $?");
        }
    }

    private Steps() {}

    static List<Step> of(Markdown.Block block) {
        return switch (block.kind()) {
            case SH -> sh(block);
            case CONSOLE -> console(block);
            case NOT_RUN -> List.of();
        };
    }

    private static List<Step> sh(Markdown.Block block) {
        List<Step> steps = new ArrayList<>();
        List<String> lines = block.lines();
        int i = 0;
        while (i < lines.size()) {
            String l = lines.get(i);
            if (l.isBlank() || l.stripLeading().startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder command = new StringBuilder(l);
            i++;
            while (!ShellText.complete(command.toString()) && i < lines.size()) {
                command.append('\n').append(lines.get(i));
                i++;
            }
            requireComplete(block, start, command);
            steps.add(new Step(block.line() + start, command.toString(), null));
        }
        return steps;
    }

    private static List<Step> console(Markdown.Block block) {
        List<Step> steps = new ArrayList<>();
        List<String> lines = block.lines();
        int i = 0;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        while (i < lines.size()) {
            String l = lines.get(i);
            if (!l.startsWith("$ ")) {
                throw new IllegalStateException("line " + (block.line() + i)
                        + ": a console block must start each command with '$ ', and show output only after one: "
                        + l);
            }
            int start = i;
            StringBuilder command = new StringBuilder(l.substring(2));
            i++;
            while (!ShellText.complete(command.toString()) && i < lines.size()) {
                command.append('\n').append(lines.get(i));
                i++;
            }
            requireComplete(block, start, command);
            List<String> shown = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).startsWith("$ ")) {
                shown.add(lines.get(i));
                i++;
            }
            steps.add(new Step(block.line() + start, command.toString(), List.copyOf(trimTrailingBlank(shown))));
        }
        return steps;
    }

    private static void requireComplete(Markdown.Block block, int start, CharSequence command) {
        if (!ShellText.complete(command.toString())) {
            throw new IllegalStateException(
                    "line " + (block.line() + start) + ": the command never ends (an open quote?): " + command);
        }
    }

    static List<String> trimTrailingBlank(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }
}
