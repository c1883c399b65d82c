package dev.eventscope.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventscope.engine.CutSpec;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.FoldService;
import dev.eventscope.engine.SnapshotUse;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.Model;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.trace.TraceOptions;
import dev.eventscope.trace.Tracer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The in-process operations, each done through Eventscope and through plain JDBC over the same
 * store. Adding a figure is one {@code OPS.put} line.
 */
public final class Operations {

    /** Ids from the generator's sample.properties that the operations look up. */
    public record Sample(String correlationId, String hotAggregateType, String hotAggregateId) {}

    /**
     * What Eventscope's side works with: the store, the model of bench/model.yaml, and an engine on
     * the same store and model (for {@code state}, which goes through the engine as {@code evs state}
     * does).
     */
    public record Context(EventStore store, Model model, Engine engine) {}

    @FunctionalInterface
    public interface EventscopeOp {
        Object run(Context context, Sample sample) throws Exception;
    }

    @FunctionalInterface
    public interface RawOp {
        Object run(Connection connection, Sample sample) throws Exception;
    }

    /**
     * @param snapshotStore true: run on the copy of the base store that holds a snapshot of the hot
     *     aggregate at its head
     */
    record Op(String description, EventscopeOp eventscope, RawOp raw, boolean snapshotStore) {
        Op(String description, EventscopeOp eventscope, RawOp raw) {
            this(description, eventscope, raw, false);
        }
    }

    /** Neither read nor write snapshots ({@code state --no-snapshot}). */
    private static final SnapshotUse NO_SNAPSHOT = SnapshotUse.NONE;

    /** Start from the newest snapshot, write none ({@code state --no-snapshot-write}). */
    private static final SnapshotUse READ_SNAPSHOT = SnapshotUse.READ_ONLY;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COLUMNS = "position, event_id, aggregate_type, aggregate_id, stream_version,"
            + " event_type, event_version, occurred_at, recorded_at, correlation_id, causation_id, user_id, payload,"
            + " metadata, hash";

    private static final Map<String, Op> OPS = new LinkedHashMap<>();

    static {
        OPS.put(
                "correlation",
                new Op(
                        "the events of one correlation group (events --correlation-id)",
                        (x, s) -> list(x.store().read(EventQuery.ALL.withLinks(s.correlationId(), null, null))),
                        (c, s) -> rows(c, "WHERE correlation_id = ? ORDER BY position", false, s.correlationId())));
        // 'evs trace CORRELATION_ID' as the engine computes it (the group, the causation links inside
        // and out of it), against the two indexed reads it rests on: the group by correlation id, and
        // the events caused by the group's first event
        OPS.put(
                "trace",
                new Op(
                        "the trace of one correlation group (trace CORRELATION_ID)",
                        (x, s) -> Tracer.over(x.store()).trace(s.correlationId(), TraceOptions.DEFAULT),
                        (c, s) -> {
                            @SuppressWarnings("unchecked")
                            List<Object[]> group = (List<Object[]>)
                                    rows(c, "WHERE correlation_id = ? ORDER BY position", false, s.correlationId());
                            return rows(c, "WHERE causation_id = ? ORDER BY position", false, (String) group.get(0)[1]);
                        }));
        OPS.put(
                "stream",
                new Op(
                        "the hot aggregate's stream (1% of all events), payloads parsed",
                        (x, s) -> parsed(
                                x.store().read(EventQuery.ALL.withStream(s.hotAggregateType(), s.hotAggregateId()))),
                        (c, s) -> rows(
                                c,
                                "WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY stream_version",
                                true,
                                s.hotAggregateType(),
                                s.hotAggregateId())));
        // the state of the hot aggregate as 'evs state' computes it (the same engine call), against
        // the raw indexed read and parse of its stream: every event folded, no snapshot
        OPS.put(
                "state",
                new Op(
                        "state of the hot aggregate, every event folded (state --no-snapshot)",
                        (x, s) -> state(x, s, NO_SNAPSHOT),
                        OPS.get("stream").raw()));
        // from a snapshot at the head: nothing left to fold, the snapshot is loaded and checked
        OPS.put(
                "state-snapshot",
                new Op(
                        "state of the hot aggregate from a snapshot at the head (state --no-snapshot-write)",
                        (x, s) -> state(x, s, READ_SNAPSHOT),
                        OPS.get("stream").raw(),
                        true));
    }

    private Operations() {}

    public static String[] names() {
        return OPS.keySet().toArray(String[]::new);
    }

    public static String describe(String name) {
        return OPS.get(name).description();
    }

    static Op get(String name) {
        Op op = OPS.get(name);
        if (op == null) {
            throw new IllegalArgumentException("no operation " + name);
        }
        return op;
    }

    private static Object state(Context x, Sample s, SnapshotUse snapshots) {
        TimeMachine.StateResult r = x.engine()
                .folds()
                .state(new FoldService.StateOptions(
                        s.hotAggregateId(), s.hotAggregateType(), CutSpec.LATEST, false, false, snapshots));
        if (r.state().version() == 0) {
            throw new IllegalStateException("the hot aggregate has no events");
        }
        return r.state().state();
    }

    private static List<RecordedEvent> list(Stream<RecordedEvent> events) {
        try (events) {
            return events.toList();
        }
    }

    private static long parsed(Stream<RecordedEvent> events) {
        long fields = 0;
        try (events) {
            for (RecordedEvent e : (Iterable<RecordedEvent>) events::iterator) {
                fields += e.payload().node().size() + e.metadata().node().size();
            }
        }
        return fields;
    }

    private static Object rows(Connection c, String where, boolean parse, String... args) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM events " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setString(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[15];
                    row[0] = rs.getLong(1);
                    row[1] = rs.getString(2);
                    row[2] = rs.getString(3);
                    row[3] = rs.getString(4);
                    row[4] = rs.getLong(5);
                    row[5] = rs.getString(6);
                    row[6] = rs.getInt(7);
                    row[7] = rs.getLong(8);
                    row[8] = rs.getLong(9);
                    row[9] = rs.getString(10);
                    row[10] = rs.getString(11);
                    row[11] = rs.getString(12);
                    row[12] = parse ? MAPPER.readTree(rs.getString(13)) : rs.getString(13);
                    row[13] = parse ? MAPPER.readTree(rs.getString(14)) : rs.getString(14);
                    row[14] = rs.getString(15);
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
