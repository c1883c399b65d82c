package dev.eventscope.cli.command;

import dev.eventscope.cli.console.Terminal;
import dev.eventscope.cli.shell.HistoryFile;
import dev.eventscope.cli.shell.Session;
import dev.eventscope.cli.shell.Shell;
import dev.eventscope.cli.shell.ShellTerminal;
import dev.eventscope.error.UsageException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evs shell}: an interactive prompt, or a script read from standard input. */
@Command(
        name = "shell",
        description = {
            "A prompt over the same commands, with the store and the model opened once and kept for the"
                    + " session, and states already folded cached until a new event arrives.",
            "At a terminal: Tab completes commands, options and live values (aggregate ids and types, event"
                    + " types); Ctrl-C cancels the running command, not the shell; Ctrl-D or 'exit' leaves;"
                    + " 'clear' clears the screen. History is kept in $XDG_STATE_HOME/eventscope/history"
                    + " (default ~/.local/state/eventscope/history, readable by you only).",
            "From a pipe or file: one command per line without prompts ('#' comments and blank lines are"
                    + " skipped); stops at the first failure with its exit code, unless --keep-going (then"
                    + " every line runs and the exit code is the first failure's).",
            "Nothing is held open between commands: an idle shell never blocks another process that writes"
                    + " to the store."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs shell",
            "  evs --db orders.db --model eventscope.yaml shell",
            "  evs shell < checks.evs",
            "  printf 'stats -o json\\nstate order-0007\\n' | evs shell --keep-going"
        })
public final class ShellCommand extends BaseCommand {

    @Option(names = "--keep-going", description = "With piped input: run every line even after a failure.")
    boolean keepGoing;

    @Override
    public Integer call() throws Exception {
        if (main().session() != null) {
            throw new UsageException("already in a shell", "run the command itself, or 'exit' to leave this shell");
        }
        Shell shell = new Shell(out(), err(), keepGoing);
        if (!Terminal.stdinIsTerminal()) {
            return shell.script(
                    main().shell(new Session(null), out(), err()),
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
        Path history = HistoryFile.locate(System.getenv());
        if (history != null && !HistoryFile.prepare(history)) {
            note("evs: cannot keep history in " + history + "; this session keeps none");
            history = null;
        }
        try (org.jline.terminal.Terminal terminal = ShellTerminal.open()) {
            return shell.interactive(
                    main().shell(new Session(terminal), out(), err()),
                    terminal,
                    history,
                    ShellTerminal.liveValues(engine().names()));
        }
    }
}
