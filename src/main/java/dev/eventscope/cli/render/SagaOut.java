package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.eventscope.event.Durations;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.saga.SagaListing;
import dev.eventscope.saga.SagaQueries;
import dev.eventscope.saga.SagaStep;
import dev.eventscope.saga.SagaView;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Saga instances on the output ({@code saga list}, {@code saga show}). JSON field order is fixed:
 * {@code saga, instance, status, step, startedAt, endedAt, events, lastEvent, idleSince,
 * idleSeconds, deadlines, stuckReason, state} and, for {@code show}, {@code timeline}.
 */
public final class SagaOut {

    private static final String[] CSV_HEADER = {
        "saga",
        "instance",
        "status",
        "step",
        "startedAt",
        "endedAt",
        "events",
        "lastPosition",
        "lastEventType",
        "lastEventAt",
        "idleSince",
        "idleSeconds",
        "deadlines",
        "stuckReason"
    };

    private SagaOut() {}

    /** The instances of a listing, in {@code format}. */
    public static void list(PrintWriter out, OutputFormat format, SagaListing listing) {
        Instant now = listing.now();
        switch (format) {
            case TABLE:
                try (Table t = new Table(
                        out,
                        new String[] {
                            "SAGA", "INSTANCE", "STATUS", "STEP", ">AGE", "LAST_EVENT", ">IDLE", "DEADLINES", "WHY"
                        },
                        new int[] {24, 40, 0, 28, 0, 60, 0, 60, 80})) {
                    for (SagaView v : listing.instances()) {
                        t.row(
                                v.saga(),
                                v.instanceId(),
                                v.status().label(),
                                v.step(),
                                v.startedAt() == null ? "" : human(Duration.between(v.startedAt(), now)),
                                last(v.last()),
                                v.status() == SagaView.Status.ENDED ? "" : human(v.idleFor(now)),
                                deadlines(v.deadlines(), true),
                                v.stuckReason());
                    }
                }
                break;
            case CSV:
                Csv.row(out, (Object[]) CSV_HEADER);
                for (SagaView v : listing.instances()) {
                    Csv.row(
                            out,
                            v.saga(),
                            v.instanceId(),
                            v.status().label(),
                            v.step(),
                            time(v.startedAt()),
                            time(v.endedAt()),
                            v.events(),
                            v.last() == null ? null : v.last().position(),
                            v.last() == null ? null : v.last().eventType(),
                            v.last() == null ? null : time(v.last().timestamp()),
                            time(v.idleSince()),
                            v.idleFor(now).getSeconds(),
                            deadlines(v.deadlines(), false),
                            v.stuckReason());
                }
                break;
            case NDJSON:
                for (SagaView v : listing.instances()) {
                    JsonOut.line(out, v.json(now));
                }
                break;
            default:
                ArrayNode a = Json.mapper().createArrayNode();
                for (SagaView v : listing.instances()) {
                    a.add(v.json(now));
                }
                JsonOut.pretty(out, a);
        }
        out.flush();
    }

    /** The line for stderr that says what the listing covers: the counts, the cut and the time. */
    public static String summary(SagaListing listing) {
        List<String> parts = new ArrayList<>();
        for (SagaListing.Counts c : listing.counts()) {
            parts.add(c.saga() + ": " + c.running() + " running, " + c.stuck() + " stuck, " + c.ended() + " ended");
        }
        return String.join("; ", parts) + " (at " + listing.cut().asOptions().strip() + ", now "
                + Times.format(listing.now()) + ")";
    }

    /** One instance for people: what it is now, then its timeline. */
    public static void show(PrintWriter out, SagaView v, String cut, Instant now, String hintCommand, boolean color) {
        out.println("saga " + v.saga() + ", instance " + v.instanceId() + ": "
                + v.status().label() + ", step " + v.step());
        out.println("at " + cut + ", now " + Times.format(now));
        if (v.startedAt() != null) {
            out.println("started   " + Times.format(v.startedAt()) + " (" + human(Duration.between(v.startedAt(), now))
                    + " ago), " + v.events() + " event" + (v.events() == 1 ? "" : "s") + " taken");
        }
        if (v.endedAt() != null) {
            out.println("ended     " + Times.format(v.endedAt()));
        } else if (v.idleSince() != null) {
            out.println("waiting   since " + Times.format(v.idleSince()) + " (" + human(v.idleFor(now)) + ")");
        }
        if (!v.deadlines().isEmpty()) {
            out.println("deadlines " + deadlines(v.deadlines(), false));
        }
        if (v.stuckReason() != null) {
            out.println("why       " + v.stuckReason());
        }
        if (v.state() != null) {
            out.println("state     " + Json.write(v.state()));
        }
        out.println();
        JsonNode before = null;
        boolean notInLog = false;
        for (SagaStep s : v.timeline()) {
            if (s.kind() == SagaStep.Kind.DEADLINE || (s.kind() == SagaStep.Kind.FAILED && s.deadline() != null)) {
                out.println("deadline " + s.deadline() + (s.kind() == SagaStep.Kind.FAILED ? " failed" : " passed")
                        + " at " + Times.format(s.time()) + " (set by #" + s.position() + " " + s.eventType() + ")");
            } else {
                out.println((s.inLog() ? "#" + s.position() : "(+) ") + "  " + Times.format(s.time()) + "  "
                        + s.eventType() + "  " + stream(s.stream())
                        + (s.kind() == SagaStep.Kind.EVENT
                                ? ""
                                : "  " + s.kind().label()));
                notInLog |= !s.inLog();
            }
            if (s.error() != null) {
                out.println("    error    " + s.error());
            }
            if (s.state() != null && s.kind() == SagaStep.Kind.EVENT) {
                if (before == null) {
                    out.println("    state    " + Json.write(s.state()));
                } else {
                    JsonNode patch = JsonPatch.diff(before, s.state());
                    if (!patch.isEmpty()) {
                        PatchView.print(out, patch, before, "    state    ", color);
                    }
                }
                before = s.state();
            }
            for (SagaStep.Emitted e : s.emitted()) {
                out.println("    emitted  " + e.eventType() + " " + stream(e.stream()) + " "
                        + (e.position() > 0 ? "(#" + e.position() + ")" : "(not in the log)"));
                notInLog |= e.position() == 0;
            }
            for (SagaStep.DeadlineChange c : s.deadlines()) {
                if (c.change() != SagaStep.Change.FIRED && c.change() != SagaStep.Change.FAILED) {
                    out.println(
                            "    deadline " + c.name() + " " + c.change().label() + ", due " + Times.format(c.due()));
                }
            }
            if (s.ended()) {
                out.println("    ended");
            }
        }
        if (notInLog) {
            out.println();
            out.println("(+) and \"not in the log\": what " + hintCommand + " would append; it has not run since");
        }
        out.flush();
    }

    /** A saga what-if for people. */
    public static void whatIf(PrintWriter out, SagaQueries.WhatIfResult r, boolean color) {
        out.println("whatif saga " + r.saga() + ", instance " + r.instanceId() + " at "
                + r.cut().asOptions().strip() + ", now " + Times.format(r.now()));
        out.println("edits          " + Json.write(r.edits()));
        out.println("real           " + brief(r.real()));
        out.println("hypothetical   " + brief(r.hypothetical()));
        out.println("emitted, real         " + emitted(r.real()));
        out.println("emitted, hypothetical " + emitted(r.hypothetical()));
        out.println("difference");
        PatchView.print(
                out,
                r.patch(),
                r.real() == null || r.real().state() == null
                        ? Json.object()
                        : r.real().state(),
                "  ",
                color);
        out.flush();
    }

    private static String brief(SagaView v) {
        if (v == null) {
            return "(no instance)";
        }
        return v.status().label() + ", step " + v.step() + ", " + v.events() + " events"
                + (v.stuckReason() == null ? "" : " (" + v.stuckReason() + ")");
    }

    private static String emitted(SagaView v) {
        if (v == null) {
            return "";
        }
        List<String> types = new ArrayList<>();
        for (SagaStep s : v.timeline()) {
            for (SagaStep.Emitted e : s.emitted()) {
                types.add(e.eventType());
            }
        }
        return types.isEmpty() ? "(none)" : String.join(", ", types);
    }

    private static String last(SagaView.Event e) {
        if (e == null) {
            return "";
        }
        return (e.inLog() ? "#" + e.position() + " " : "(+) ") + e.eventType() + " " + Times.format(e.timestamp());
    }

    /** The deadlines, without the cancelled ones when {@code brief}. */
    private static String deadlines(List<SagaView.Deadline> list, boolean brief) {
        List<String> parts = new ArrayList<>();
        for (SagaView.Deadline d : list) {
            if (brief && d.status().equals("cancelled")) {
                continue;
            }
            parts.add(d.name() + " " + d.status() + " " + Times.format(d.due()));
        }
        return String.join(", ", parts);
    }

    private static String stream(StreamId s) {
        return s == null ? "" : s.toString();
    }

    private static String time(Instant t) {
        return t == null ? null : Times.format(t);
    }

    /** A duration for people: the two largest units, such as "3d 4h" or "12m 5s". */
    static String human(Duration d) {
        return Durations.human(d);
    }
}
