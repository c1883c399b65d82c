package dev.eventscope.cli.shell;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.event.Text;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evs shell}: a prompt over the same command tree as the command line, with the store, the
 * model and a cache of folded states kept for the session. Each command runs on a worker thread,
 * so Ctrl-C interrupts the command (its loops stop between units of work) and not the shell.
 *
 * <p>Between commands nothing is held open: every read closes its statement and every write
 * commits before the command returns, so an idle shell never blocks another process writing to the
 * same store.
 *
 * <p>Two modes: interactive (a terminal: line editing, completion, tail tips, history) and
 * script (input from a pipe or file: one command per line, no prompt, {@code #} comments and blank
 * lines skipped, stopping at the first failure unless {@code --keep-going}).
 */
public final class Shell {

    /** The shell's own words, not commands of the tree (and so not in {@code evs completion}). */
    static final List<String> EXTRAS = List.of("exit", "quit", "clear");

    /**
     * Runs the lines of one session: each line's words as a command of the tree, with the global
     * options of the run that started the shell as defaults (a line may give its own), on the
     * session's engine. The root command makes it; the shell knows nothing else of it.
     */
    public interface LineRunner {

        /** Runs one line's words as a command; its exit code. */
        int run(String[] words);

        /** The command tree, for completion and tips. */
        CommandSpec commands();

        /** Whether output is coloured (the prompt follows it). */
        boolean color();
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean keepGoing;
    private final Parser parser =
            new DefaultParser().escapeChars(new char[] {'\\'}).eofOnUnclosedQuote(true);

    /** The thread running the current command, or null at the prompt. */
    private volatile Thread running;

    public Shell(PrintWriter out, PrintWriter err, boolean keepGoing) {
        this.out = out;
        this.err = err;
        this.keepGoing = keepGoing;
    }

    /** The outcome of one line: its exit code, and whether the session ends. */
    private record Outcome(int code, boolean exit) {}

    // ------------------------------------------------------------------ script mode

    /**
     * Runs the commands of {@code in}, one per line. Returns 0 when all succeeded; else the exit
     * code of the first failure (after it, unless {@code --keep-going}, nothing more runs).
     */
    public int script(LineRunner lines, BufferedReader in) {
        int first = 0;
        int number = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                Outcome o = run(lines, text, null);
                if (o.exit()) {
                    return first != 0 ? first : o.code();
                }
                if (o.code() != 0) {
                    err.println(
                            "evs: line " + number + " failed (exit " + o.code() + "): " + Text.printable(text, 200));
                    err.flush();
                    if (first == 0) {
                        first = o.code();
                    }
                    if (!keepGoing) {
                        return first;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return first;
    }

    // ------------------------------------------------------------------ interactive mode

    /**
     * Reads commands from {@code terminal} until {@code exit} or Ctrl-D. {@code history} is the
     * history file (null: none). Returns the exit code given to {@code exit}, else 0.
     */
    public int interactive(LineRunner lines, Terminal terminal, Path history, LiveValues live) {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("evs")
                .parser(parser)
                .completer(new ShellCompleter(lines.commands(), EXTRAS, live))
                .variable(LineReader.HISTORY_SIZE, 2_000)
                .variable(LineReader.HISTORY_FILE_SIZE, 2_000)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (history != null) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        // a password typed in a PostgreSQL URL is never written to the history file
        builder.history(new org.jline.reader.impl.history.DefaultHistory() {
            @Override
            public void add(java.time.Instant time, String line) {
                super.add(time, dev.eventscope.store.StoreLocator.redact(line));
            }
        });
        LineReader reader = builder.build();
        TailTips.install(reader, lines.commands());
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
            Thread t = running;
            if (t != null) {
                t.interrupt();
            }
        });
        String prompt = prompt(lines.color());
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    // Ctrl-C at the prompt drops the line, as in bash
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                Outcome o = run(lines, text, terminal);
                if (o.exit()) {
                    return o.code();
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                err.println("evs: cannot save the shell history: " + e.getMessage());
            }
        }
    }

    private static String prompt(boolean color) {
        String name = "evs";
        AttributedStyle style = color ? AttributedStyle.BOLD.foreground(AttributedStyle.CYAN) : AttributedStyle.DEFAULT;
        return new AttributedString(name + "> ", style).toAnsi();
    }

    // ------------------------------------------------------------------ one line

    private Outcome run(LineRunner lines, String text, Terminal terminal) {
        List<String> words;
        try {
            words = parser.parse(text, text.length(), Parser.ParseContext.ACCEPT_LINE)
                    .words();
        } catch (SyntaxError e) {
            err.println("evs: cannot read the line: " + e.getMessage());
            err.println("hint: close the quote, or escape it with \\");
            err.flush();
            return new Outcome(ExitCodes.USAGE, false);
        }
        words = words.stream().filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            return new Outcome(0, false);
        }
        String first = words.get(0);
        if (first.equals("exit") || first.equals("quit")) {
            return new Outcome(exitCode(words), true);
        }
        if (first.equals("clear")) {
            if (terminal != null) {
                terminal.puts(InfoCmp.Capability.clear_screen);
                terminal.flush();
            }
            return new Outcome(0, false);
        }
        String[] args = words.toArray(new String[0]);
        if (terminal == null) {
            return new Outcome(lines.run(args), false);
        }
        return new Outcome(onWorker(lines, args), false);
    }

    /** Runs the command on its own thread so Ctrl-C can interrupt it; waits for it to end. */
    private int onWorker(LineRunner lines, String[] args) {
        int[] code = {ExitCodes.INTERNAL};
        Thread worker = new Thread(() -> code[0] = lines.run(args), "evs-command");
        running = worker;
        worker.start();
        try {
            while (true) {
                try {
                    worker.join();
                    break;
                } catch (InterruptedException e) {
                    // the shell's own thread is never meant to stop: pass the interrupt on
                    worker.interrupt();
                }
            }
        } finally {
            running = null;
        }
        out.flush();
        err.flush();
        return code[0];
    }

    private int exitCode(List<String> words) {
        if (words.size() > 1 && words.get(1).matches("\\d{1,3}")) {
            return Integer.parseInt(words.get(1));
        }
        return 0;
    }
}
