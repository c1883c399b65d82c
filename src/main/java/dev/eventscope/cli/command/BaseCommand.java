package dev.eventscope.cli.command;

import dev.eventscope.cli.Main;
import dev.eventscope.engine.Workspace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: its spec, the workspace, and the output and error writers. */
@picocli.CommandLine.Command
abstract class BaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // every command answers --help itself (the root's standard help options are not inherited)
    @picocli.CommandLine.Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    Main main() {
        return (Main) spec.root().userObject();
    }

    Workspace workspace() {
        return main().workspace();
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
