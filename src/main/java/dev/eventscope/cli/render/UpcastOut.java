package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.model.UpcasterChain;
import dev.eventscope.upcast.CheckReport;
import dev.eventscope.upcast.MigrationReport;
import dev.eventscope.upcast.Preview;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders what the {@code upcast} commands found: a check report, a preview, a migration. */
public final class UpcastOut {

    private static final String[] CHECK_HEADERS = {
        "EVENT TYPE", "STORED VERSIONS", ">LATEST", ">EVENTS", ">UPCAST", ">VALIDATED", ">FAILED"
    };
    private static final int[] CHECK_WIDTHS = {40, 40, 0, 0, 0, 0, 0};

    private UpcastOut() {}

    // ---------------------------------------------------------------- check

    public static void check(PrintWriter out, CheckReport r, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            JsonOut.pretty(out, r.json());
            return;
        }
        if (format == OutputFormat.NDJSON) {
            JsonOut.line(out, r.json());
            return;
        }
        try (Table t = new Table(out, CHECK_HEADERS, CHECK_WIDTHS)) {
            for (CheckReport.TypeReport type : r.types()) {
                List<String> versions = new ArrayList<>();
                type.storedVersions().forEach((v, n) -> versions.add("v" + v + ": " + n));
                t.row(
                        type.eventType(),
                        String.join(", ", versions),
                        type.latestVersion() == null ? "-" : "v" + type.latestVersion(),
                        type.events(),
                        type.upcast(),
                        type.validated(),
                        type.failed());
            }
        }
        for (CheckReport.Failure f : r.failures()) {
            out.println("FAIL  position " + f.position() + " (eventId " + f.eventId() + ", "
                    + Text.printable(f.eventType(), 100) + " v" + f.eventVersion() + ")"
                    + (f.upcaster() == null
                            ? ""
                            : f.at() == null
                                    ? " after upcaster " + f.upcaster()
                                    : " upcaster " + f.upcaster() + " failed (" + f.at() + ")")
                    + ": " + Text.printable(f.error(), 2_000));
        }
        if (r.ok()) {
            out.println("ok: " + r.events() + " events upcast to their latest version" + validated(r));
        } else {
            out.println("failed: " + r.failed() + " of " + r.events() + " events do not upcast or validate"
                    + (r.failed() > r.failures().size()
                            ? " (the first " + r.failures().size() + " are listed)"
                            : ""));
        }
    }

    private static String validated(CheckReport r) {
        long n = r.types().stream().mapToLong(CheckReport.TypeReport::validated).sum();
        return n == 0 ? " (no schemas to check)" : ", " + n + " checked against their schema";
    }

    // ---------------------------------------------------------------- show

    public static void preview(PrintWriter out, Preview p, OutputFormat format, boolean color) {
        if (format == OutputFormat.JSON || format == OutputFormat.NDJSON) {
            ObjectNode o = p.json();
            if (format == OutputFormat.JSON) {
                JsonOut.pretty(out, o);
            } else {
                JsonOut.line(out, o);
            }
            return;
        }
        RecordedEvent s = p.stored();
        out.println("as stored (position " + s.position() + ", " + Text.printable(s.eventType(), 100) + " v"
                + s.eventVersion() + "):");
        indented(out, event(s));
        int n = 0;
        for (UpcasterChain.Applied a : p.steps()) {
            n++;
            out.println();
            out.println("step " + n + ": upcaster " + a.upcaster().name() + " ("
                    + a.upcaster().at() + ") on " + describe(a.input()) + " -> " + describeAll(a.output()) + ":");
            for (RecordedEvent e : a.output()) {
                indented(out, event(e));
            }
            if (a.output().isEmpty()) {
                out.println("  (no events: the upcaster drops it)");
            }
        }
        out.println();
        if (p.failure() != null) {
            out.println("failed: " + Text.printable(p.failure(), 2_000));
            return;
        }
        if (p.steps().isEmpty()) {
            out.println("no upcaster applies: the event reads as stored");
        } else {
            out.println("final: " + describeAll(p.result()));
        }
        for (int i = 0; i < p.result().size(); i++) {
            RecordedEvent e = p.result().get(i);
            String which = p.result().size() == 1 ? "" : " (event " + (i + 1) + ", eventId " + e.eventId() + ")";
            List<String> violations = p.violations().get(i);
            String schema = p.schemas().get(i);
            if (schema == null) {
                out.println("schema" + which + ": none for " + e.eventType() + " v" + e.eventVersion());
            } else if (violations.isEmpty()) {
                out.println("schema" + which + ": matches " + schema);
            } else {
                out.println("schema" + which + ": " + violations.size() + " violation"
                        + (violations.size() == 1 ? "" : "s") + " of " + schema);
            }
            for (String v : violations) {
                out.println("  " + Text.printable(v, 1_000));
            }
            if (!p.steps().isEmpty()) {
                out.println("diff stored -> final" + which + ":");
                ObjectNode from = event(s);
                PatchView.print(out, JsonPatch.diff(from, event(e)), from, "  ", color);
            }
        }
    }

    private static ObjectNode event(RecordedEvent e) {
        return EventJson.toNode(e, false);
    }

    private static String describe(RecordedEvent e) {
        return e.eventType() + " v" + e.eventVersion();
    }

    private static String describeAll(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return "no events";
        }
        List<String> parts = new ArrayList<>();
        events.forEach(e -> parts.add(describe(e)));
        return String.join(" + ", parts);
    }

    private static void indented(PrintWriter out, JsonNode node) {
        try {
            String text = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
            for (String line : text.split("\n")) {
                out.println("  " + Text.printable(line, 10_000));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- migrate

    public static void migration(PrintWriter out, MigrationReport r, OutputFormat format) {
        if (format == OutputFormat.JSON || format == OutputFormat.NDJSON) {
            ObjectNode o = r.json();
            if (format == OutputFormat.JSON) {
                JsonOut.pretty(out, o);
            } else {
                JsonOut.line(out, o);
            }
            return;
        }
        String counts = r.upcast() + " upcast" + byType(r.upcastByType()) + ", " + r.split() + " split, " + r.dropped()
                + " dropped, " + r.renumbered() + " with a new stream version";
        if (r.dryRun()) {
            out.println("dry run: would write " + r.events() + " events into " + r.target() + " from "
                    + r.sourceEvents() + " (" + counts + "); nothing was written");
        } else {
            out.printf(
                    Locale.ROOT,
                    "migrated %d events into %s from %d (%s); verified, head %d:%s; %.1f s%n",
                    r.events(),
                    r.target(),
                    r.sourceEvents(),
                    counts,
                    r.head().position(),
                    r.head().hash(),
                    r.elapsed().toMillis() / 1000.0);
        }
    }

    private static String byType(Map<String, Long> byType) {
        if (byType.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(byType).forEach((t, n) -> parts.add(Text.printable(t, 100) + " " + n));
        return ": " + String.join(", ", parts);
    }
}
