package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
                    JsonOut.line(out, json(v, now));
                }
                break;
            default:
                ArrayNode a = Json.MAPPER.createArrayNode();
                for (SagaView v : listing.instances()) {
                    a.add(json(v, now));
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
        return String.join("; ", parts) + " (" + listing.events() + " events at "
                + listing.cut().asOptions().strip() + ", now " + Times.format(listing.now()) + ")";
    }

    /** One instance as JSON. */
    public static ObjectNode json(SagaView v, Instant now) {
        ObjectNode o = Json.object();
        o.put("saga", v.saga());
        o.put("instance", v.instanceId());
        o.put("status", v.status().label());
        o.put("step", v.step());
        o.put("startedAt", time(v.startedAt()));
        o.put("endedAt", time(v.endedAt()));
        o.put("events", v.events());
        if (v.last() == null) {
            o.putNull("lastEvent");
        } else {
            ObjectNode l = o.putObject("lastEvent");
            l.put("position", v.last().position());
            l.put("inLog", v.last().inLog());
            l.put("eventId", v.last().eventId().toString());
            l.put("eventType", v.last().eventType());
            l.put("timestamp", Times.format(v.last().timestamp()));
        }
        o.put("idleSince", time(v.idleSince()));
        o.put("idleSeconds", v.idleFor(now).getSeconds());
        ArrayNode d = o.putArray("deadlines");
        for (SagaView.Deadline x : v.deadlines()) {
            ObjectNode n = d.addObject();
            n.put("name", x.name());
            n.put("due", Times.format(x.due()));
            n.put("status", x.status());
        }
        o.put("stuckReason", v.stuckReason());
        o.set("state", v.state());
        return o;
    }

    /** One instance with its timeline ({@code saga show -o json}), and the cut and time it was worked out at. */
    public static ObjectNode shown(SagaView v, JsonNode cut, Instant now) {
        ObjectNode o = json(v, now);
        o.set("cut", cut);
        o.put("now", Times.format(now));
        ArrayNode steps = o.putArray("timeline");
        for (SagaStep s : v.timeline()) {
            steps.add(step(s));
        }
        return o;
    }

    private static ObjectNode step(SagaStep s) {
        ObjectNode o = Json.object();
        o.put("kind", s.kind().label());
        o.put("position", s.position());
        o.put("inLog", s.inLog());
        o.put("eventId", s.eventId().toString());
        o.put("eventType", s.eventType());
        o.put("aggregateType", s.stream() == null ? null : s.stream().aggregateType());
        o.put("aggregateId", s.stream() == null ? null : s.stream().aggregateId());
        o.put("time", Times.format(s.time()));
        o.put("deadline", s.deadline());
        o.set("state", s.state());
        ArrayNode emitted = o.putArray("emitted");
        for (SagaStep.Emitted e : s.emitted()) {
            ObjectNode n = emitted.addObject();
            n.put("eventId", e.eventId().toString());
            n.put("eventType", e.eventType());
            n.put("aggregateType", e.stream().aggregateType());
            n.put("aggregateId", e.stream().aggregateId());
            n.put("timestamp", time(e.timestamp()));
            if (e.position() > 0) {
                n.put("position", e.position());
            } else {
                n.putNull("position");
            }
        }
        ArrayNode deadlines = o.putArray("deadlines");
        for (SagaStep.DeadlineChange c : s.deadlines()) {
            ObjectNode n = deadlines.addObject();
            n.put("name", c.name());
            n.put("change", c.change().label());
            n.put("due", Times.format(c.due()));
        }
        o.put("ended", s.ended());
        o.put("error", s.error());
        return o;
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

    /** A saga what-if as JSON: the saga, instance, cut, now, edits, the real and hypothetical instance, the patch. */
    public static ObjectNode whatIf(SagaQueries.WhatIfResult r) {
        ObjectNode o = Json.object();
        o.put("saga", r.saga());
        o.put("instance", r.instanceId());
        o.set("cut", r.cut().json());
        o.put("now", Times.format(r.now()));
        o.set("edits", r.edits());
        o.set("real", side(r.real(), r.now()));
        o.set("hypothetical", side(r.hypothetical(), r.now()));
        o.set("patch", r.patch());
        return o;
    }

    private static JsonNode side(SagaView v, Instant now) {
        if (v == null) {
            return Json.MAPPER.nullNode();
        }
        ObjectNode o = json(v, now);
        o.remove("saga");
        o.remove("instance");
        ArrayNode emitted = o.putArray("emitted");
        for (SagaStep s : v.timeline()) {
            for (SagaStep.Emitted e : s.emitted()) {
                emitted.add(e.eventType());
            }
        }
        return o;
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
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + s % 60 + "s";
        }
        return s % 60 + "s";
    }
}
