package dev.eventscope.cli.console;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Long output through a pager, as git does: {@code $PAGER} run by {@code sh -c}, else
 * {@code less -FRX} (quit at once when it fits one screen, keep colours, leave the screen as it
 * is). Only when stdout is a terminal and {@code --no-pager} is not given; an empty
 * {@code PAGER} or {@code cat} means none. When the pager cannot start, output goes to the
 * terminal directly.
 */
public final class Pager implements AutoCloseable {

    private final Process process;
    private final PrintWriter writer;
    private final Object sigint;

    private Pager(Process process, PrintWriter writer, Object sigint) {
        this.process = process;
        this.writer = writer;
        this.sigint = sigint;
    }

    /** The pager command for {@code env}, or null for none. */
    public static List<String> command(Map<String, String> env) {
        String pager = env.get("PAGER");
        if (pager == null) {
            return List.of("less", "-FRX");
        }
        String p = pager.strip();
        if (p.isEmpty() || p.equals("cat")) {
            return null;
        }
        return List.of("sh", "-c", p);
    }

    /** Starts the pager, or returns null when there is none or it cannot start. */
    public static Pager start(Map<String, String> env) {
        List<String> command = command(env);
        if (command == null) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            PrintWriter w = new PrintWriter(new java.io.BufferedWriter(
                    TerminalSafeWriter.guard(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8), true),
                    1 << 16));
            // Ctrl-C is the pager's (less stops reading ahead); this process ends when the pager does
            Object previous = org.jline.utils.Signals.register("INT", () -> {});
            return new Pager(p, w, previous);
        } catch (IOException e) {
            return null;
        }
    }

    public PrintWriter writer() {
        return writer;
    }

    /** Ends the output and waits for the user to leave the pager. */
    @Override
    public void close() {
        writer.flush();
        writer.close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            org.jline.utils.Signals.unregister("INT", sigint);
        }
    }
}
