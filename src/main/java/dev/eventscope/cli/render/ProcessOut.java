package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Json;
import dev.eventscope.process.ProcessReport;
import dev.eventscope.process.Processor;
import dev.eventscope.process.RebuildReport;
import java.io.PrintWriter;
import java.time.Duration;

/** The summaries of {@code process} and {@code project rebuild}. */
public final class ProcessOut {

    private ProcessOut() {}

    /** The options of a run, with a usage error for values out of range. */
    public static Processor.Options options(int batch, boolean follow, Duration poll) {
        try {
            return new Processor.Options(batch, follow, poll);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public static void report(PrintWriter out, OutputFormat format, ProcessReport r) {
        if (format == OutputFormat.TABLE && r.saga() != null) {
            var f = r.saga();
            out.printf(
                    "%s (saga): %d events from position %d to %d: %d taken (%d instances started, %d ended), %d"
                            + " dead-lettered, %d parked; %d deadlines passed%s, %d events appended%n",
                    r.name(),
                    r.events(),
                    r.from(),
                    r.to(),
                    r.applied(),
                    f.started(),
                    f.ended(),
                    r.deadLettered(),
                    r.parked(),
                    f.deadlinesFired(),
                    f.deadlinesFailed() > 0 ? " (" + f.deadlinesFailed() + " failed)" : "",
                    r.emitted());
            out.flush();
            return;
        }
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
        ObjectNode o = Json.object();
        o.put("name", r.name());
        o.put("kind", r.kind());
        o.put("from", r.from());
        o.put("to", r.to());
        o.put("events", r.events());
        o.put("handled", r.applied());
        o.put("deadLettered", r.deadLettered());
        o.put("parked", r.parked());
        o.put("appended", r.emitted());
        o.put("stopped", r.stopped());
        var warnings = o.putArray("warnings");
        r.warnings().forEach(warnings::add);
        if (r.saga() != null) {
            ObjectNode saga = o.putObject("saga");
            saga.put("started", r.saga().started());
            saga.put("ended", r.saga().ended());
            saga.put("deadlinesFired", r.saga().deadlinesFired());
            saga.put("deadlinesFailed", r.saga().deadlinesFailed());
        }
        print(out, format, o);
    }

    public static void rebuild(PrintWriter out, OutputFormat format, RebuildReport r) {
        if (format == OutputFormat.TABLE) {
            out.printf(
                    "rebuilt %s to position %d: %d rows from %d events, %d dead letters, %d parked letters resolved%n",
                    r.table(), r.position(), r.rows(), r.events(), r.deadLettered(), r.resolved());
            out.flush();
            return;
        }
        ObjectNode o = Json.object();
        o.put("name", r.name());
        o.put("table", r.table());
        o.put("position", r.position());
        o.put("rows", r.rows());
        o.put("events", r.events());
        o.put("deadLettered", r.deadLettered());
        o.put("resolved", r.resolved());
        print(out, format, o);
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
