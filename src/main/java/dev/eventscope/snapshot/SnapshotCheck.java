package dev.eventscope.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Cut;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.replay.Folded;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.SnapshotStarts;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.Snapshot;
import dev.eventscope.store.SnapshotInfo;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * {@code snapshot verify}: folds each stream that has snapshots once from its first event, without
 * snapshots, and compares every snapshot made under the current model with the point the fold
 * reached at its version: version, position, largest timestamp, checksum and state (as text, which
 * is what a fold from the snapshot would continue from and print). Snapshots made under other
 * rules cannot be checked against this model and are counted as stale.
 */
public final class SnapshotCheck {

    /** Paths of a differing state named in a problem, at most. */
    static final int PATHS = 3;

    /** A snapshot that does not match a fresh fold, and how. */
    public record Problem(SnapshotInfo snapshot, String problem) {}

    /** What was checked and what did not match. */
    public record Result(long checked, long stale, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        /** The public JSON shape ({@code snapshot verify -o json}). */
        public ObjectNode json() {
            ObjectNode o = Json.object();
            o.put("ok", ok());
            o.put("checked", checked);
            o.put("stale", stale);
            var list = o.putArray("problems");
            for (Problem p : problems) {
                ObjectNode j = p.snapshot().json();
                j.put("problem", p.problem());
                list.add(j);
            }
            return o;
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final Snapshots snapshots;

    SnapshotCheck(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Checks {@code infos} (by stream, any order inside one). */
    Result check(List<SnapshotInfo> infos) {
        TimeMachine machine = snapshots.machine();
        ResolvedCut latest = snapshots.machine().resolve(Cut.LATEST);
        long checked = 0;
        long stale = 0;
        List<Problem> problems = new ArrayList<>();
        for (List<SnapshotInfo> ofStream : SnapshotStarts.byStream(infos)) {
            StreamId stream = ofStream.get(0).stream();
            String fingerprint = snapshots.fingerprints().of(stream.aggregateType());
            List<SnapshotInfo> current = new ArrayList<>();
            for (SnapshotInfo s : ofStream) {
                if (s.fingerprint().equals(fingerprint)) {
                    current.add(s);
                } else {
                    stale++;
                }
            }
            if (current.isEmpty()) {
                continue;
            }
            current.sort(Comparator.comparingLong(SnapshotInfo::version));
            checked += checkStream(machine, stream, latest, current, problems);
        }
        return new Result(checked, stale, problems);
    }

    /** One fold of {@code stream}, comparing each snapshot (by version) on the way; returns how many were checked. */
    private long checkStream(
            TimeMachine machine, StreamId stream, ResolvedCut cut, List<SnapshotInfo> byVersion, List<Problem> out) {
        Deque<SnapshotInfo> pending = new ArrayDeque<>(byVersion);
        long[] checked = {0};
        Folded[] previous = {null};
        // a snapshot is compared with the last point at its version, once the fold has passed it
        machine.walk(stream, cut, after -> {
            while (!pending.isEmpty() && pending.peekFirst().version() < after.version()) {
                checked[0] += compare(pending.removeFirst(), previous[0], out);
            }
            previous[0] = after;
            return !pending.isEmpty();
        });
        while (!pending.isEmpty()) {
            checked[0] += compare(pending.removeFirst(), previous[0], out);
        }
        return checked[0];
    }

    /** Compares one snapshot with the fold's point at or just before its version; 1 when it was checked. */
    private int compare(SnapshotInfo s, Folded fresh, List<Problem> out) {
        Optional<Snapshot> loaded = snapshots.reads().load(s.id());
        if (loaded.isEmpty()) {
            // pruned while this ran
            return 0;
        }
        Snapshot snapshot = loaded.get();
        List<String> found = new ArrayList<>();
        if (fresh == null || fresh.version() != s.version()) {
            found.add("a fold from the first event never stops at version " + s.version()
                    + (fresh == null
                            ? " (no event folds before it)"
                            : " (the closest is version " + fresh.version() + ")"));
        } else {
            if (fresh.position() != s.position()) {
                found.add("position " + s.position() + ", but the fold reaches position " + fresh.position());
            }
            if (!fresh.validTime().equals(s.validTime())) {
                found.add("largest timestamp " + Times.format(s.validTime()) + ", but the events folded reach "
                        + Times.format(fresh.validTime()));
            }
        }
        if (!snapshot.intact()) {
            found.add("its state does not match the checksum written with it (changed after it was written)");
        }
        if (fresh != null && fresh.version() == s.version()) {
            String state = Json.write(fresh.state());
            if (!state.equals(snapshot.state().text())) {
                found.add("its state differs from a fresh fold" + where(snapshot, fresh.state()));
            }
        }
        if (!found.isEmpty()) {
            out.add(new Problem(s, String.join("; ", found)));
        }
        return 1;
    }

    /** Where a stored state differs from {@code fresh}: the first few JSON Pointer paths. */
    private static String where(Snapshot snapshot, JsonNode fresh) {
        JsonNode stored;
        try {
            stored = snapshot.state().node();
        } catch (UncheckedIOException | dev.eventscope.error.StoreIoException e) {
            return " (it is not JSON)";
        }
        ArrayNode patch = JsonPatch.diff(stored, fresh);
        if (patch.isEmpty()) {
            return " (the same values, written differently)";
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < patch.size() && i < PATHS; i++) {
            String path = patch.get(i).path("path").asText();
            paths.add(path.isEmpty() ? "/" : path);
        }
        return " at " + String.join(", ", paths) + (patch.size() > PATHS ? ", ..." : "");
    }
}
