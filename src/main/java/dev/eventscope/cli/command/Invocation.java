package dev.eventscope.cli.command;

import dev.eventscope.cli.render.Palette;
import dev.eventscope.cli.shell.Session;
import dev.eventscope.cli.shell.Shell;
import dev.eventscope.engine.Engine;
import java.io.PrintWriter;

/**
 * What a command sees of the run that invokes it: the engine, made from the global options, and
 * how output looks. The root command implements it; a command finds it as its root's user object,
 * so commands never reach into the root command's class.
 */
public interface Invocation {

    /** The engine of this run (or of the shell session), made from the global options on first use. */
    Engine engine();

    /** {@code -q}: results only, no summaries or warnings. */
    boolean quiet();

    /** Whether stdout gets colour. */
    boolean color();

    /** The palette for stdout: colours when {@link #color()}, else plain text. */
    Palette palette();

    /** The shell session this command runs in, or null when it runs on its own. */
    Session session();

    /**
     * A shell over the same commands for {@code session}, printing to {@code out} and {@code err}:
     * every line runs with this run's global options as its defaults, on this run's engine.
     */
    Shell.LineRunner shell(Session session, PrintWriter out, PrintWriter err);
}
