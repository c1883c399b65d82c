package dev.eventscope.cli;

import dev.eventscope.cli.console.ColorChoice;
import dev.eventscope.cli.render.Palette;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The help of {@code evs} itself ({@code evs --help}, {@code evs help}), laid out here rather than
 * by picocli's help machinery (ADR 0044). Every word comes from the annotations picocli reads too:
 * {@link Main}'s {@code @Command} (header, description, exit codes, footer) and {@code @Option}
 * fields, and the first description line of every command class. Picocli uses this renderer for
 * the root command, so both ways to the root help print the same text; {@code evs --help} with
 * output to a file or a pipe gets it without building picocli's model at all, which is most of a
 * short command's start.
 *
 * <p>Text is wrapped at spaces only. A description may use {@code %n} (a line break) and {@code
 * %%} (a percent sign), as in picocli's format strings; any other format specifier, markup or
 * variable is refused, since picocli would have rendered it differently.
 */
final class RootHelp {

    /** The width of help when the output is not a terminal. */
    static final int PIPE_WIDTH = 80;

    /** The narrowest help picocli lays out (it refuses a smaller usage width). */
    static final int MIN_WIDTH = 55;

    private static final String INDENT = "  ";

    private final Palette palette;
    private final int width;
    private final StringBuilder out = new StringBuilder(8192);

    private RootHelp(Palette palette, int width) {
        this.palette = palette;
        this.width = Math.max(40, width);
    }

    /** The root help, {@code width} columns wide, coloured by {@code palette}. */
    static String render(int width, Palette palette) {
        return new RootHelp(palette, width).all();
    }

    /**
     * Whether {@code args} ask for exactly the root help or exactly the version, with output that
     * needs no terminal width: what {@link Main#main} answers before building the command line.
     */
    static boolean quick(String[] args, boolean stdoutTerminal, int columns) {
        if (args.length != 1) {
            return false;
        }
        String a = args[0];
        if (a.equals("--version") || a.equals("-V")) {
            return true;
        }
        return (a.equals("--help") || a.equals("-h")) && (!stdoutTerminal || columns > 0);
    }

    /**
     * The width of help: 80 columns into a file or a pipe; on a terminal its width as the launcher
     * measured it (0: unknown, picocli asks the terminal itself).
     */
    static int width(boolean stdoutTerminal, int columns) {
        return stdoutTerminal ? (columns > 0 ? Math.max(MIN_WIDTH, columns) : 0) : PIPE_WIDTH;
    }

    /**
     * The answer to {@code args} for which {@link #quick} holds, for output to a terminal or not
     * ({@code columns} wide), coloured as {@link ColorChoice} says with {@code NO_COLOR} as given.
     */
    static String answer(String[] args, boolean stdoutTerminal, int columns, String noColorEnv) {
        if (args[0].equals("--help") || args[0].equals("-h")) {
            boolean colour = ColorChoice.colored(null, false, noColorEnv, stdoutTerminal);
            return render(width(stdoutTerminal, columns), Palette.of(colour));
        }
        StringBuilder v = new StringBuilder();
        for (String line : new VersionProvider().getVersion()) {
            v.append(line).append('\n');
        }
        return v.toString();
    }

    private String all() {
        Command root = Main.class.getAnnotation(Command.class);
        heading(root.headerHeading());
        for (String line : root.header()) {
            paragraph(text(line), 0);
        }
        heading(root.synopsisHeading());
        int under = text(root.synopsisHeading()).length();
        String[] synopsis = root.customSynopsis().length > 0 ? root.customSynopsis() : new String[] {root.name()};
        for (int i = 0; i < synopsis.length; i++) {
            out.append(i == 0 ? "" : " ".repeat(under))
                    .append(text(synopsis[i]))
                    .append('\n');
        }
        heading(root.descriptionHeading());
        for (String line : root.description()) {
            paragraph(text(line), 0);
        }
        heading(root.optionListHeading());
        options();
        heading(root.commandListHeading());
        commands();
        heading(root.exitCodeListHeading());
        exitCodes(root.exitCodeList());
        heading(root.footerHeading());
        for (String line : root.footer()) {
            footerLine(text(line));
        }
        return out.toString();
    }

    /** A section heading as written in the annotation ({@code %n} for blank lines), in bold. */
    private void heading(String annotated) {
        String[] parts = text(annotated).split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            out.append(parts[i].isBlank() ? parts[i] : palette.paint(Palette.Role.HEADING, parts[i]));
            if (i < parts.length - 1) {
                out.append('\n');
            }
        }
    }

    /** Main's options, in declaration order, as picocli's option list lays them out. */
    private void options() {
        List<String[]> rows = new ArrayList<>();
        int longest = 0;
        for (Field f : Main.class.getDeclaredFields()) {
            Option o = f.getAnnotation(Option.class);
            if (o == null || o.hidden()) {
                continue;
            }
            String shortName = "";
            String longName = "";
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    longName = longName.isEmpty() ? n : longName;
                } else if (shortName.isEmpty()) {
                    shortName = n;
                }
            }
            boolean flag = f.getType() == boolean.class || f.getType() == Boolean.class;
            String label = flag ? "" : "=" + (o.paramLabel().isEmpty() ? "VALUE" : o.paramLabel());
            String description = o.description().length == 0 ? "" : text(String.join(" ", o.description()));
            rows.add(new String[] {shortName, longName, label, description});
            longest = Math.max(longest, longName.length() + label.length());
        }
        int column = INDENT.length() + 4 + longest + 2;
        for (String[] r : rows) {
            StringBuilder left = new StringBuilder(INDENT);
            if (r[0].isEmpty()) {
                left.append("    ");
            } else {
                left.append(palette.paint(Palette.Role.ACCENT, r[0])).append(r[1].isEmpty() ? "  " : ", ");
            }
            left.append(palette.paint(Palette.Role.ACCENT, r[1])).append(r[2]);
            int visible = INDENT.length() + 4 + r[1].length() + r[2].length();
            row(left.toString(), visible, column, r[3]);
        }
    }

    /** Every command with its first description line (or its header), and 'help'. */
    private void commands() {
        Map<String, Class<?>> commands = Main.COMMANDS;
        int longest = "help".length();
        for (String name : commands.keySet()) {
            longest = Math.max(longest, name.length());
        }
        int column = INDENT.length() + longest + 2;
        for (Map.Entry<String, Class<?>> c : commands.entrySet()) {
            command(c.getKey(), c.getValue(), column);
        }
        command("help", picocli.CommandLine.HelpCommand.class, column);
    }

    private void command(String name, Class<?> type, int column) {
        Command about = type.getAnnotation(Command.class);
        String summary = about.header().length > 0
                ? about.header()[0]
                : about.description().length > 0 ? about.description()[0] : "";
        row(INDENT + palette.paint(Palette.Role.ACCENT, name), INDENT.length() + name.length(), column, text(summary));
    }

    private void exitCodes(String[] list) {
        int longest = 0;
        for (String entry : list) {
            longest = Math.max(longest, entry.indexOf(':'));
        }
        int column = INDENT.length() + longest + 3;
        for (String entry : list) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException("an exit code entry without a colon: " + entry);
            }
            String code = entry.substring(0, colon).trim();
            row(INDENT + code, INDENT.length() + code.length(), column, text(entry.substring(colon + 1)));
        }
    }

    /**
     * One line of the footer. A line laid out as a table ("  NAME   text") continues under its text
     * when it wraps; any other line continues at its own indentation.
     */
    private void footerLine(String line) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        int gap = line.indexOf("  ", lead);
        if (lead > 0 && gap > lead) {
            int text = gap;
            while (text < line.length() && line.charAt(text) == ' ') {
                text++;
            }
            if (text < line.length()) {
                row(line.substring(0, text), text, text, line.substring(text));
                return;
            }
        }
        paragraph(line, lead);
    }

    /**
     * A left cell ({@code visible} columns wide, perhaps with colour codes) and a text wrapped into
     * the column that starts at {@code column}; continuation lines are indented two more, as picocli
     * does. A left cell wider than the column puts the text on the next line.
     */
    private void row(String left, int visible, int column, String text) {
        out.append(left);
        int at = visible;
        if (visible > column && !text.isEmpty()) {
            out.append('\n');
            at = 0;
        }
        List<String> lines = new ArrayList<>();
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            // a %n in a description starts a new line, continued like a wrapped one
            lines.addAll(wrap(parts[i], i == 0 ? column : column + 2, column + 2));
        }
        if (lines.isEmpty()) {
            out.append('\n');
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            int indent = i == 0 ? column : column + 2;
            out.append(" ".repeat(Math.max(0, indent - at)))
                    .append(lines.get(i))
                    .append('\n');
            at = 0;
        }
    }

    /** A paragraph at {@code indent}; {@code %n} already made line breaks. An empty one is a blank line. */
    private void paragraph(String text, int indent) {
        for (String part : text.split("\n", -1)) {
            String lead = part.substring(0, leading(part));
            List<String> lines = wrap(part.substring(lead.length()), Math.max(indent, lead.length()), indent);
            if (lines.isEmpty()) {
                out.append('\n');
            }
            for (int i = 0; i < lines.size(); i++) {
                out.append(i == 0 ? lead : " ".repeat(indent))
                        .append(lines.get(i))
                        .append('\n');
            }
        }
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * {@code text} broken at spaces into lines that fit the width: the first starts at column
     * {@code first}, the others at {@code rest}. A word longer than a whole line is cut.
     */
    private List<String> wrap(String text, int first, int rest) {
        List<String> lines = new ArrayList<>();
        String[] words = text.trim().split(" +");
        StringBuilder line = new StringBuilder();
        int room = width - first;
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > 0 && line.length() + 1 + word.length() <= room) {
                line.append(' ').append(word);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                room = width - rest;
            }
            String w = word;
            while (w.length() > room) {
                lines.add(w.substring(0, room));
                w = w.substring(room);
                room = width - rest;
            }
            line.append(w);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * An annotation text as printed: {@code %n} a line break, {@code %%} a percent sign. Anything
     * picocli would have interpreted otherwise is a mistake in the annotation (fails the tests).
     */
    static String text(String annotated) {
        if (annotated.contains("@|") || annotated.contains("${")) {
            throw new IllegalStateException("markup or a variable in root help text: " + annotated);
        }
        StringBuilder s = new StringBuilder(annotated.length());
        for (int i = 0; i < annotated.length(); i++) {
            char c = annotated.charAt(i);
            if (c != '%') {
                s.append(c);
                continue;
            }
            char next = i + 1 < annotated.length() ? annotated.charAt(i + 1) : ' ';
            if (next == 'n') {
                s.append('\n');
            } else if (next == '%') {
                s.append('%');
            } else {
                throw new IllegalStateException("a format specifier in root help text: " + annotated);
            }
            i++;
        }
        return s.toString();
    }
}
