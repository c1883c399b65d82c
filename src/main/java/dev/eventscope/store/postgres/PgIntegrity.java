package dev.eventscope.store.postgres;

import dev.eventscope.store.IntegrityChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the store can tell about itself on PostgreSQL: the head row agrees with the events, the
 * positions are dense (a hole is corruption: positions are never taken from a sequence), and the
 * schema holds the tables, columns, keys, indexes and triggers the migrations create, and nothing
 * else but read models.
 */
final class PgIntegrity implements IntegrityChecks {

    /** The tables of a store; read models ({@code rm_*}) may sit beside them. */
    static final Set<String> TABLES = Set.of(
            "store_info",
            "head",
            "events",
            "migration_positions",
            "checkpoints",
            "dead_letters",
            "snapshots",
            "saga_instances",
            "saga_deadlines",
            "saga_letters");

    /** The indexes and constraints on events, by name. */
    static final Set<String> EVENT_INDEXES = Set.of(
            "events_pkey",
            "events_event_id_key",
            "events_stream_key",
            "events_type_time",
            "events_occurred",
            "events_recorded",
            "events_correlation",
            "events_causation");

    /** The columns of events and their types, as the migrations create them. */
    static final Map<String, String> EVENT_COLUMNS = eventColumns();

    private final PgEventStore store;

    PgIntegrity(PgEventStore store) {
        this.store = store;
    }

    private static Map<String, String> eventColumns() {
        Map<String, String> m = new TreeMap<>();
        for (String c : List.of("position", "stream_version", "occurred_at", "recorded_at")) {
            m.put(c, "bigint");
        }
        for (String c : List.of(
                "aggregate_type", "aggregate_id", "event_type", "correlation_id", "causation_id", "user_id", "hash")) {
            m.put(c, "text");
        }
        m.put("event_id", "uuid");
        m.put("event_version", "integer");
        m.put("payload", "json");
        m.put("metadata", "json");
        m.put("occurred_time", "timestamp with time zone");
        m.put("recorded_time", "timestamp with time zone");
        return m;
    }

    @Override
    public List<String> storageProblems(boolean full) {
        List<String> problems = new ArrayList<>();
        long[] h = PgStreams.list(
                        store.connection(),
                        store.pg(),
                        "checking the head",
                        "SELECT h.position, h.events, (SELECT coalesce(max(position), 0) FROM events),"
                                + " (SELECT hash FROM events WHERE position = h.position) IS NOT DISTINCT FROM"
                                + " CASE WHEN h.position = 0 THEN NULL ELSE h.hash END FROM head h",
                        st -> {},
                        rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBoolean(4) ? 1 : 0})
                .get(0);
        if (h[0] != h[2]) {
            problems.add("database: the head row says position " + h[0] + " but the last event is at " + h[2]);
        } else if (h[3] == 0) {
            problems.add("database: the head row's hash is not the hash of the event at position " + h[0]);
        }
        if (full || h[2] <= 1_000_000) {
            long count = PgStreams.list(
                            store.connection(),
                            store.pg(),
                            "counting events",
                            "SELECT count(*) FROM events",
                            st -> {},
                            rs -> rs.getLong(1))
                    .get(0);
            if (count != h[1]) {
                problems.add("database: the head row counts " + h[1] + " events but the table holds " + count);
            }
            if (count != h[2]) {
                long gap = PgStreams.list(
                                store.connection(),
                                store.pg(),
                                "finding a gap in the positions",
                                "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM events WHERE position = 1) THEN 1 ELSE"
                                        + " (SELECT min(e.position) + 1 FROM events e WHERE e.position < (SELECT"
                                        + " max(position) FROM events) AND NOT EXISTS (SELECT 1 FROM events n"
                                        + " WHERE n.position = e.position + 1)) END",
                                st -> {},
                                rs -> rs.getLong(1))
                        .get(0);
                problems.add("database: positions are not dense: " + count + " events up to position " + h[2]
                        + ", the first missing is " + gap);
            }
        }
        return problems;
    }

    @Override
    public List<String> schemaProblems() {
        List<String> problems = new ArrayList<>();
        String schema = store.pg().schema();
        Set<String> tables = new TreeSet<>(PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the schema",
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'f')",
                st -> st.setString(1, schema),
                rs -> rs.getString(1)));
        for (String t : new TreeSet<>(TABLES)) {
            if (!tables.contains(t)) {
                problems.add("table " + t + " is missing");
            }
        }
        for (String t : tables) {
            if (!TABLES.contains(t) && !t.startsWith("rm_")) {
                problems.add("table or view " + t + " was not created by Eventscope");
            }
        }
        Map<String, String> columns = new TreeMap<>();
        for (String[] c : PgStreams.list(
                store.connection(),
                store.pg(),
                "reading the schema",
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                        + " WHERE a.attrelid = to_regclass(quote_ident(?) || '.events') AND a.attnum > 0"
                        + " AND NOT a.attisdropped",
                st -> st.setString(1, schema),
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            columns.put(c[0], c[1]);
        }
        if (tables.contains("events")) {
            for (Map.Entry<String, String> e : EVENT_COLUMNS.entrySet()) {
                String found = columns.get(e.getKey());
                if (found == null) {
                    problems.add("events has no column " + e.getKey());
                } else if (!found.equals(e.getValue())) {
                    problems.add("events column " + e.getKey() + " is " + found + ", not " + e.getValue());
                }
            }
            for (String c : columns.keySet()) {
                if (!EVENT_COLUMNS.containsKey(c)) {
                    problems.add("events has a column " + c + " that Eventscope did not create");
                }
            }
            Set<String> indexes = new TreeSet<>(PgStreams.list(
                    store.connection(),
                    store.pg(),
                    "reading the schema",
                    "SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = 'events'",
                    st -> st.setString(1, schema),
                    rs -> rs.getString(1)));
            for (String i : new TreeSet<>(EVENT_INDEXES)) {
                if (!indexes.contains(i)) {
                    problems.add("index " + i + " on events is missing");
                }
            }
            for (String i : indexes) {
                if (!EVENT_INDEXES.contains(i)) {
                    problems.add("index " + i + " on events was not created by Eventscope");
                }
            }
            Map<String, String> triggers = new TreeMap<>();
            for (String[] t : PgStreams.list(
                    store.connection(),
                    store.pg(),
                    "reading the schema",
                    "SELECT tgname, tgenabled::text FROM pg_trigger WHERE tgrelid = to_regclass(quote_ident(?) ||"
                            + " '.events') AND NOT tgisinternal",
                    st -> st.setString(1, schema),
                    rs -> new String[] {rs.getString(1), rs.getString(2)})) {
                triggers.put(t[0], t[1]);
            }
            for (String t : List.of("events_no_change", "events_no_truncate")) {
                String state = triggers.remove(t);
                if (state == null) {
                    problems.add("trigger " + t + " is missing: events can be changed");
                } else if (state.equals("D")) {
                    problems.add("trigger " + t + " is disabled: events can be changed");
                }
            }
            for (String t : triggers.keySet()) {
                problems.add("trigger " + t + " on events was not created by Eventscope");
            }
        }
        return problems;
    }

    @Override
    public long positionHighWater() {
        return store.head().position();
    }
}
