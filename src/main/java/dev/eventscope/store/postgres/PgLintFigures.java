package dev.eventscope.store.postgres;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadLintFigures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link ReadLintFigures} as one SQL statement per rule over the events table. */
final class PgLintFigures implements ReadLintFigures {

    /** A causationId of the stored eventId form: lower-case 8-4-4-4-12 hex. */
    private static final String EVENT_ID_FORM =
            "causation_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";

    private static final String NEIGHBOURS = "SELECT position, aggregate_type, aggregate_id, event_type, occurred_at,"
            + " payload::text AS payload, lag(occurred_at) OVER s AS prev_at, lag(payload::text) OVER s AS prev_payload,"
            + " lag(event_type) OVER s AS prev_type, lag(position) OVER s AS prev_position FROM events"
            + " WINDOW s AS (PARTITION BY aggregate_type, aggregate_id ORDER BY stream_version)";

    private final PgEventStore store;

    PgLintFigures(PgEventStore store) {
        this.store = store;
    }

    private Matches matches(String select, int examples, Object... args) {
        String sql = "SELECT position, aggregate_type, aggregate_id, event_type, detail::text, count(*) OVER () FROM ("
                + select + ") m ORDER BY position LIMIT ?";
        long[] count = {0};
        List<Example> list = new ArrayList<>();
        PgStreams.list(
                store.connection(),
                store.pg(),
                "linting the events",
                sql,
                st -> {
                    int i = 1;
                    for (Object a : args) {
                        st.setObject(i++, a);
                    }
                    st.setInt(i, Math.max(1, examples));
                },
                rs -> {
                    count[0] = rs.getLong(6);
                    if (list.size() < examples) {
                        list.add(new Example(
                                rs.getLong(1),
                                new StreamId(rs.getString(2), rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5)));
                    }
                    return null;
                });
        return new Matches(count[0], list);
    }

    @Override
    public Matches largePayloads(long maxBytes, int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, octet_length(payload::text) AS detail"
                        + " FROM events WHERE octet_length(payload::text) > ?",
                examples,
                maxBytes);
    }

    @Override
    public Matches withoutCorrelation(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, NULL AS detail FROM events"
                        + " WHERE correlation_id IS NULL",
                examples);
    }

    @Override
    public Matches danglingCausations(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, causation_id AS detail FROM events e"
                        + " WHERE causation_id IS NOT NULL AND " + EVENT_ID_FORM
                        + " AND NOT EXISTS (SELECT 1 FROM events c WHERE c.event_id = e.causation_id::uuid)",
                examples);
    }

    @Override
    public Matches timestampsBackwards(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, prev_at AS detail FROM (" + NEIGHBOURS
                        + ") n WHERE occurred_at < prev_at",
                examples);
    }

    @Override
    public Matches recordLag(Duration max, int examples) {
        long micros = Times.toMicros(java.time.Instant.EPOCH.plus(max));
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, recorded_at - occurred_at AS detail"
                        + " FROM events WHERE recorded_at - occurred_at > ?",
                examples,
                micros);
    }

    @Override
    public Matches repeatedPayloads(int examples) {
        return matches(
                "SELECT position, aggregate_type, aggregate_id, event_type, prev_position AS detail FROM (" + NEIGHBOURS
                        + ") n WHERE event_type = prev_type AND payload = prev_payload",
                examples);
    }

    @Override
    public List<TypeVersion> typeVersions() {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "listing event types",
                "SELECT aggregate_type, event_type, event_version, count(*) FROM events GROUP BY 1, 2, 3"
                        + " ORDER BY 1, 2, 3",
                st -> {},
                rs -> new TypeVersion(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
    }
}
