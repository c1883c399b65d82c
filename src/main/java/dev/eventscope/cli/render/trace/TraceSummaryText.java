package dev.eventscope.cli.render.trace;

import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceWords;
import java.io.PrintWriter;
import java.util.List;
import java.util.UUID;

/** The summary of a trace as aligned {@code key  value} lines for people. */
public final class TraceSummaryText {

    /** Names listed before the rest is only counted. */
    private static final int MAX_NAMES = 10;

    private final PrintWriter out;
    private final boolean ascii;
    private final Style style;

    public TraceSummaryText(PrintWriter out, boolean ascii, boolean color) {
        this(out, ascii, new Style(color));
    }

    TraceSummaryText(PrintWriter out, boolean ascii, Style style) {
        this.out = out;
        this.ascii = ascii;
        this.style = style;
    }

    /** What was traced, in one line. */
    static String heading(Trace trace, boolean ascii) {
        return TraceWords.heading(trace);
    }

    public void print(Trace trace) {
        out.println(style.bold("summary"));
        for (TraceWords.SummaryRow r : TraceWords.summary(trace, ascii)) {
            row(r.key(), r.alarming() ? style.red(r.value()) : r.value());
        }
    }

    private void row(String key, String value) {
        out.println("  " + key + " ".repeat(Math.max(1, 15 - key.length())) + value);
    }

    static String events(long n) {
        return TraceWords.events(n);
    }

    static String names(List<String> names) {
        return TraceWords.names(names);
    }

    static String refs(Trace trace, List<UUID> ids) {
        return TraceWords.refs(trace, ids);
    }
}
