package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.process.DeadLetterDetail;
import dev.eventscope.process.RetryReport;
import dev.eventscope.process.RetryStep;
import dev.eventscope.store.DeadLetter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Dead letters on the output: lists ({@code dlq list}), one letter with its event
 * ({@code dlq show}), and what a retry did ({@code dlq retry}). JSON field order is fixed:
 * {@code id, handler, eventId, position, eventType, aggregateType, aggregateId, status, attempts,
 * error, blockedBy, firstFailedAt, lastFailedAt, resolvedAt, reason}.
 */
public final class DeadLetterOut {

    private static final String[] CSV_HEADER = {
        "id",
        "handler",
        "eventId",
        "position",
        "eventType",
        "aggregateType",
        "aggregateId",
        "status",
        "attempts",
        "error",
        "blockedBy",
        "firstFailedAt",
        "lastFailedAt",
        "resolvedAt",
        "reason"
    };

    private DeadLetterOut() {}

    public static void list(PrintWriter out, OutputFormat format, List<DeadLetter> letters) {
        switch (format) {
            case TABLE:
                try (Table t = new Table(
                        out,
                        new String[] {
                            ">ID", "HANDLER", "STATUS", ">POSITION", "EVENT_TYPE", "AGGREGATE", ">ATTEMPTS", "ERROR"
                        },
                        new int[] {0, 24, 0, 0, 32, 40, 0, 70})) {
                    for (DeadLetter l : letters) {
                        t.row(
                                l.id(),
                                l.handler(),
                                l.status().label(),
                                l.position(),
                                l.eventType(),
                                l.stream(),
                                l.attempts(),
                                l.status() == DeadLetter.Status.PARKED ? l.error() : l.reason());
                    }
                }
                break;
            case CSV:
                Csv.row(out, (Object[]) CSV_HEADER);
                for (DeadLetter l : letters) {
                    Csv.row(
                            out,
                            l.id(),
                            l.handler(),
                            l.eventId(),
                            l.position(),
                            l.eventType(),
                            l.aggregateType(),
                            l.aggregateId(),
                            l.status().label(),
                            l.attempts(),
                            l.error(),
                            l.blockedBy(),
                            Times.format(l.firstFailedAt()),
                            Times.format(l.lastFailedAt()),
                            time(l.resolvedAt()),
                            l.reason());
                }
                break;
            default:
                List<JsonNode> all = new ArrayList<>();
                letters.forEach(l -> all.add(l.json()));
                elements(out, format, all);
        }
    }

    public static void show(PrintWriter out, OutputFormat format, DeadLetterDetail d) {
        DeadLetter l = d.letter();
        if (format != OutputFormat.TABLE) {
            if (format == OutputFormat.JSON) {
                JsonOut.pretty(out, d.json());
            } else {
                JsonOut.line(out, d.json());
            }
            return;
        }
        out.println("dead letter " + l.id() + " (" + l.status().label() + ")");
        field(out, "handler", l.handler());
        field(out, "event", l.eventId() + " at position " + l.position() + ": " + l.eventType() + " of " + l.stream());
        field(out, "attempts", l.attempts() + (l.attempts() == 0 ? " (not attempted)" : ""));
        field(out, "first failed", Times.format(l.firstFailedAt()));
        field(out, "last failed", Times.format(l.lastFailedAt()));
        if (l.blockedBy() != null) {
            field(out, "parked behind", "dead letter " + l.blockedBy());
        }
        if (l.resolvedAt() != null) {
            field(
                    out,
                    l.status().label(),
                    Times.format(l.resolvedAt()) + (l.reason() == null ? "" : ": " + l.reason()));
        }
        out.println("error:");
        for (String line : (l.error() == null ? "" : l.error()).split("\n", -1)) {
            out.println("  " + Text.printable(line, 2_000));
        }
        out.println(
                d.events().size() == 1
                        ? "event, as the handler gets it now:"
                        : "events, as the handler gets them now:");
        for (RecordedEvent e : d.events()) {
            JsonOut.pretty(out, EventJson.toNode(e, false));
        }
        if (d.behind().isEmpty()) {
            out.println("nothing is parked behind it");
        } else {
            out.println(d.behind().size() + (d.behind().size() == 1 ? " letter is" : " letters are")
                    + " parked behind it:");
            list(out, OutputFormat.TABLE, d.behind());
        }
        out.flush();
    }

    /** What a retry did (or would do), step by step. */
    public static void retry(PrintWriter out, OutputFormat format, RetryReport report) {
        List<RetryStep> steps = report.steps();
        switch (format) {
            case TABLE:
                try (Table t = new Table(
                        out,
                        new String[] {
                            ">#",
                            ">ID",
                            "HANDLER",
                            ">POSITION",
                            "EVENT_TYPE",
                            "AGGREGATE",
                            "RESULT",
                            ">ATTEMPTS",
                            "ERROR"
                        },
                        new int[] {0, 0, 24, 0, 32, 40, 0, 0, 70})) {
                    int n = 0;
                    for (RetryStep s : steps) {
                        DeadLetter l = s.letter();
                        t.row(
                                ++n,
                                l.id(),
                                l.handler(),
                                l.position(),
                                l.eventType(),
                                l.stream(),
                                s.result().label(),
                                s.attempts(),
                                s.error());
                    }
                }
                break;
            case CSV:
                Csv.row(
                        out,
                        "order",
                        "id",
                        "handler",
                        "position",
                        "eventType",
                        "aggregateType",
                        "aggregateId",
                        "result",
                        "attempts",
                        "error");
                int n = 0;
                for (RetryStep s : steps) {
                    DeadLetter l = s.letter();
                    Csv.row(
                            out,
                            ++n,
                            l.id(),
                            l.handler(),
                            l.position(),
                            l.eventType(),
                            l.aggregateType(),
                            l.aggregateId(),
                            s.result().label(),
                            s.attempts(),
                            s.error());
                }
                break;
            default:
                List<JsonNode> all = new ArrayList<>();
                for (RetryStep s : steps) {
                    all.add(s.json(all.size() + 1));
                }
                elements(out, format, all);
        }
    }

    private static void elements(PrintWriter out, OutputFormat format, List<JsonNode> all) {
        if (format == OutputFormat.JSON) {
            try (JsonOut.Array array = JsonOut.array(out)) {
                all.forEach(array::add);
            }
        } else {
            all.forEach(o -> JsonOut.line(out, o));
        }
        out.flush();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("  %-14s %s%n", name, Text.printable(value, 2_000));
    }

    private static String time(Instant t) {
        return t == null ? null : Times.format(t);
    }
}
