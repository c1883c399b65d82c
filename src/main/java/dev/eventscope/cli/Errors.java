package dev.eventscope.cli;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Text;
import dev.eventscope.store.StoreLocator;
import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;

/**
 * Reports failures on stderr as {@code evs: what happened} plus facts and a {@code hint:}, and
 * turns them into exit codes. Unexpected exceptions are bugs: exit 70 with the stack trace.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private final Main main;

    Errors(Main main) {
        this.main = main;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        commandLine.getOut().flush();
        PrintWriter err = commandLine.getErr();
        if (ex instanceof CancellationException || ex instanceof InterruptedException) {
            // Ctrl-C in the shell interrupts the command's thread; loops stop between units of work
            Thread.interrupted();
            String message =
                    ex instanceof CancellationException && ex.getMessage() != null ? ex.getMessage() : "cancelled";
            err.println("evs: " + message);
            err.flush();
            return ExitCodes.INTERRUPTED;
        }
        if (ex instanceof EventscopeException e) {
            err.println("evs: " + Text.printable(StoreLocator.redact(e.getMessage()), 2_000));
            if (e instanceof InvalidInputException invalid) {
                for (String problem : invalid.problems()) {
                    err.println("  " + Text.printable(problem, 1_000));
                }
            }
            e.hint().ifPresent(h -> err.println("hint: " + h));
            if (main.stacktrace()) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.of(e.failure());
        }
        return internal(ex, commandLine.getOut(), err);
    }

    /** Reports a bug: what was thrown, a hint to report it, and the stack trace; exit 70. */
    static int internal(Throwable t, PrintWriter out, PrintWriter err) {
        out.flush();
        err.println("evs: internal error: " + t);
        err.println("hint: this is a bug in Eventscope; please report it with the stack trace below");
        t.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        // an argument echoed back may be a URL with a password in it
        err.println("evs: " + Text.printable(StoreLocator.redact(ex.getMessage()), 1_000));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("hint: see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }
}
