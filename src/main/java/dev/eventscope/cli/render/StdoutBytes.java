package dev.eventscope.cli.render;

import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * The byte stream beneath the process's standard output writer, for output that is bytes already
 * (an export's lines as the store wrote them): written without decoding and encoding them again.
 * Registered only when standard output is not a terminal (on a terminal every character goes
 * through the terminal guard), and handed out only for that very writer.
 */
public final class StdoutBytes {

    private static volatile PrintWriter writer;
    private static volatile OutputStream bytes;

    private StdoutBytes() {}

    /** Registers {@code bytes} as the stream {@code out} writes its encoded characters to. */
    public static void register(PrintWriter out, OutputStream under) {
        bytes = under;
        writer = out;
    }

    /**
     * The bytes beneath {@code out}, or null when {@code out} is not the registered writer (a test's
     * writer, a terminal). Flush {@code out} before writing to them, and them before writing to
     * {@code out} again.
     */
    public static OutputStream of(PrintWriter out) {
        return out != null && out == writer ? bytes : null;
    }
}
