package dev.eventscope.cli.render;

import dev.eventscope.decide.Decided;
import dev.eventscope.decide.Outcome;
import dev.eventscope.event.Cut;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import java.io.PrintWriter;

/**
 * Prints the outcomes of {@code exec} as they come: a few lines each for people ({@code table}),
 * the JSON of each outcome on a line ({@code ndjson}), or JSON ({@code json}: the outcome, or an
 * array of them when the input was an array).
 */
public final class DecisionOut implements AutoCloseable {

    private final PrintWriter out;
    private final OutputFormat format;
    private final JsonOut.Array array;

    private DecisionOut(PrintWriter out, OutputFormat format, boolean many) {
        this.out = out;
        this.format = format;
        this.array = format == OutputFormat.JSON && many ? JsonOut.array(out) : null;
    }

    /** A printer in {@code format}; {@code many}: the commands came as an array. */
    public static DecisionOut of(PrintWriter out, OutputFormat format, boolean many) {
        return new DecisionOut(out, format, many);
    }

    public void print(Outcome o) {
        if (array != null) {
            array.add(o.json());
        } else if (format == OutputFormat.JSON) {
            JsonOut.pretty(out, o.json());
        } else if (format == OutputFormat.NDJSON) {
            JsonOut.line(out, o.json());
        } else {
            table(o);
        }
        out.flush();
    }

    private void table(Outcome o) {
        String command =
                o.command().commandType() + " " + Text.printable(o.command().commandId(), 80);
        String target = Text.printable(o.target().toString(), 200);
        String against = " at version " + o.version() + reads(o);
        switch (o.status()) {
            case APPENDED:
                out.println("accepted  " + command + " by " + target + against + attempts(o));
                for (RecordedEvent e : o.stored()) {
                    out.println("  appended " + e.eventType() + " as version " + e.streamVersion() + " at position "
                            + e.position() + " (eventId " + e.eventId() + ")");
                }
                break;
            case ACCEPTED:
                out.println("accepted  " + command + " by " + target + against + " ("
                        + o.cut().asOptions() + "); nothing written"
                        + (o.decided().isEmpty() ? ": it decides no events" : ""));
                long v = o.version();
                for (NewEvent e : o.decided()) {
                    out.println("  " + e.eventType() + " v" + e.eventVersion() + " as version " + (++v) + " "
                            + Text.printable(e.payload().text(), 300));
                }
                break;
            case REJECTED:
                out.println("rejected  " + command + " by " + target + against
                        + (o.cut().cut() instanceof Cut.Latest
                                ? ""
                                : " (" + o.cut().asOptions() + ")")
                        + attempts(o) + ": " + Text.printable(o.reason(), 500));
                break;
            default:
                out.println("already executed  " + command + " by " + target + ": its events are stored");
                for (RecordedEvent e : o.stored()) {
                    out.println("  " + e.eventType() + " as version " + e.streamVersion() + " at position "
                            + e.position() + " (eventId " + e.eventId() + ")");
                }
                break;
        }
    }

    private static String reads(Outcome o) {
        StringBuilder s = new StringBuilder();
        for (Decided.Read r : o.reads()) {
            s.append(s.length() == 0 ? ", reading " : ", ")
                    .append('$')
                    .append(r.name())
                    .append(' ')
                    .append(Text.printable(r.state().stream().toString(), 200))
                    .append(" v")
                    .append(r.state().version());
        }
        return s.toString();
    }

    private static String attempts(Outcome o) {
        return o.attempts() > 1 ? " (decided " + o.attempts() + " times)" : "";
    }

    @Override
    public void close() {
        if (array != null) {
            array.close();
        }
        out.flush();
    }
}
