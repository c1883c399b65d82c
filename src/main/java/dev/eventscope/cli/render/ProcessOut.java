package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.process.ProcessReport;
import dev.eventscope.process.RebuildReport;
import java.io.PrintWriter;

/** The summaries of {@code process} and {@code project rebuild}. */
public final class ProcessOut {

    private ProcessOut() {}

    public static void report(PrintWriter out, OutputFormat format, ProcessReport r) {
        if (format == OutputFormat.TABLE) {
            out.printf(
                    "%s (%s): %d events from position %d to %d: %d handled, %d dead-lettered, %d parked%s%n",
                    r.name(),
                    r.kind(),
                    r.events(),
                    r.from(),
                    r.to(),
                    r.applied(),
                    r.deadLettered(),
                    r.parked(),
                    r.emitted() > 0 || r.kind().equals("reactor") ? ", " + r.emitted() + " events appended" : "");
            out.flush();
            return;
        }
        print(out, format, r.json());
    }

    public static void rebuild(PrintWriter out, OutputFormat format, RebuildReport r) {
        if (format == OutputFormat.TABLE) {
            out.printf(
                    "rebuilt %s to position %d: %d rows from %d events, %d dead letters, %d parked letters resolved%n",
                    r.table(), r.position(), r.rows(), r.events(), r.deadLettered(), r.resolved());
            out.flush();
            return;
        }
        print(out, format, r.json());
    }

    private static void print(PrintWriter out, OutputFormat format, ObjectNode o) {
        if (format == OutputFormat.JSON) {
            JsonOut.pretty(out, o);
        } else {
            JsonOut.line(out, o);
        }
        out.flush();
    }
}
