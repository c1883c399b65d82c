package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Choice;
import dev.eventscope.replay.Fit;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.SnapshotInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders aggregate states: one state, a timeline of states, and the explanation of a fold. */
public final class StateOut {

    private StateOut() {}

    /** One state: JSON (pretty), NDJSON (one line), or a readable table. */
    public static void state(PrintWriter out, AggregateState s, OutputFormat format) {
        switch (format) {
            case NDJSON:
                JsonOut.line(out, s.json());
                break;
            case TABLE:
                out.println("aggregate  " + Text.printable(s.stream().toString(), 1_000));
                out.println("version    " + s.version());
                out.println("position   " + (s.position() > 0 ? Long.toString(s.position()) : "(none)"));
                out.println("cut        " + s.cut().asOptions());
                out.println("state");
                JsonOut.pretty(out, s.state());
                break;
            default:
                JsonOut.pretty(out, s.json());
        }
    }

    /** The state after every applied event: a timeline table, NDJSON lines, or a JSON array. */
    public static void trace(PrintWriter out, AggregateState s, OutputFormat format) {
        trace(out, s, format, Palette.PLAIN);
    }

    /** As {@link #trace(PrintWriter, AggregateState, OutputFormat)}, the timeline coloured by {@code palette}. */
    public static void trace(PrintWriter out, AggregateState s, OutputFormat format, Palette palette) {
        if (format == OutputFormat.TABLE) {
            try (Table table = new Table(
                            out,
                            new String[] {">POSITION", ">VER", "TIMESTAMP", "TYPE", "CHANGES"},
                            new int[] {0, 0, 0, 40, 100})
                    .colors(palette, Palette.Role.POSITION, null, Palette.Role.TIME, Palette.Role.EVENT_TYPE)) {
                JsonNode before = s.initial();
                for (AggregateState.Step step : s.steps()) {
                    RecordedEvent e = step.event();
                    table.row(
                            e.position(),
                            e.streamVersion(),
                            Times.format(e.timestamp()),
                            e.eventType(),
                            PatchView.summary(JsonPatch.diff(before, step.state())));
                    before = step.state();
                }
            }
            return;
        }
        if (format == OutputFormat.JSON) {
            try (JsonOut.Array array = JsonOut.array(out)) {
                s.steps().forEach(step -> array.add(s.json(step)));
            }
        } else {
            s.steps().forEach(step -> JsonOut.line(out, s.json(step)));
        }
    }

    /**
     * What was folded and how long it took, for people (stderr): the snapshot the fold started from
     * (or why none), the events applied after it, and the snapshot written afterwards, if any.
     */
    public static void explain(PrintWriter err, TimeMachine.StateResult result) {
        AggregateState s = result.state();
        Choice choice = result.choice();
        err.println("explain: " + describe(s.stream().toString(), choice));
        err.println(String.format(
                Locale.ROOT,
                "explain: folded %d event%s of %s%s in %.1f ms (cut: %s)",
                s.steps().size(),
                s.steps().size() == 1 ? "" : "s",
                s.stream(),
                choice.wasUsed() ? " after it" : "",
                s.nanos() / 1e6,
                s.cut().asOptions()));
        try (Table table = new Table(
                err, new String[] {">POSITION", ">VER", "TIMESTAMP", "TYPE", "EVENT_ID"}, new int[] {0, 0, 0, 40, 0})) {
            for (AggregateState.Step step : s.steps()) {
                RecordedEvent e = step.event();
                table.row(e.position(), e.streamVersion(), Times.format(e.timestamp()), e.eventType(), e.eventId());
            }
        }
        for (SnapshotInfo w : result.written().snapshots()) {
            err.println("explain: wrote snapshot " + w.id() + " at version " + w.version() + " (position "
                    + w.position() + ")");
        }
    }

    /** Which snapshot a fold started from, or why none, in one sentence. */
    public static String describe(String stream, Choice choice) {
        if (choice.disabledBy() != null) {
            return "no snapshot used (" + choice.disabledBy() + "); folded from the initial state";
        }
        if (choice.wasUsed()) {
            SnapshotInfo u = choice.used();
            return "started from snapshot " + u.id() + " of " + stream + " at version " + u.version() + ", position "
                    + u.position() + " (made " + Times.format(u.createdAt()) + ")"
                    + (choice.passedOver().isEmpty() ? "" : "; passed over newer ones: " + reasons(choice));
        }
        if (choice.available() == 0) {
            return "no snapshot used: " + stream + " has none; folded from the initial state";
        }
        return "no snapshot used: " + stream + " has " + choice.available() + ", none usable (" + reasons(choice)
                + "); folded from the initial state";
    }

    private static String reasons(Choice choice) {
        List<String> parts = new ArrayList<>();
        for (Fit fit : Fit.values()) {
            Integer n = choice.passedOver().get(fit);
            if (n != null) {
                parts.add(n + " " + fit.reason());
            }
        }
        return String.join(", ", parts);
    }
}
