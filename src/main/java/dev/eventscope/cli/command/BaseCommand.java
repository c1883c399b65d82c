package dev.eventscope.cli.command;

import dev.eventscope.engine.Engine;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command has: its spec, the engine, and the output and error writers. */
@picocli.CommandLine.Command
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // every command's own --help; the root's --version is not inherited, since later commands use
    // --version for a stream version
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    /** The run that invokes this command: the root command, seen through {@link Invocation}. */
    Invocation main() {
        return (Invocation) spec.root().userObject();
    }

    /** The engine of this run (or of the shell session), made from the global options on first use. */
    Engine engine() {
        return main().engine();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A line for people on stderr, unless {@code --quiet}. */
    void note(String line) {
        if (!main().quiet()) {
            err().println(line);
        }
    }
}
