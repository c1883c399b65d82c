package dev.eventscope.store.postgres;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.NewSnapshot;
import dev.eventscope.store.Snapshot;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.SnapshotStore;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code snapshots} table, each save and delete one short write transaction. */
final class PgSnapshots implements SnapshotStore {

    private static final String INFO =
            "id, aggregate_type, aggregate_id, stream_version, position, max_occurred_at, model_fingerprint,"
                    + " created_at, size_bytes";

    private static final String NEWEST_FIRST = " ORDER BY stream_version DESC, created_at DESC, id DESC";

    // same stream, version and rules give the same state: a newer copy replaces the row
    private static final String UPSERT = "INSERT INTO snapshots (aggregate_type, aggregate_id, stream_version,"
            + " position, max_occurred_at, model_fingerprint, state, state_sha256, size_bytes, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (aggregate_type, aggregate_id, stream_version, model_fingerprint) DO UPDATE SET"
            + " position = excluded.position, max_occurred_at = excluded.max_occurred_at, state = excluded.state,"
            + " state_sha256 = excluded.state_sha256, size_bytes = excluded.size_bytes,"
            + " created_at = excluded.created_at"
            + " RETURNING " + INFO;

    private final PgEventStore store;

    PgSnapshots(PgEventStore store) {
        this.store = store;
    }

    @Override
    public List<SnapshotInfo> list(StreamId stream) {
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "reading snapshots",
                "SELECT " + INFO + " FROM snapshots WHERE aggregate_type = ? AND aggregate_id = ?" + NEWEST_FIRST,
                st -> {
                    st.setString(1, stream.aggregateType());
                    st.setString(2, stream.aggregateId());
                },
                PgSnapshots::info);
    }

    @Override
    public List<SnapshotInfo> list(String aggregateType) {
        String order = " ORDER BY aggregate_type, aggregate_id, stream_version DESC, created_at DESC, id DESC";
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "reading snapshots",
                "SELECT " + INFO + " FROM snapshots" + (aggregateType == null ? "" : " WHERE aggregate_type = ?")
                        + order,
                st -> {
                    if (aggregateType != null) {
                        st.setString(1, aggregateType);
                    }
                },
                PgSnapshots::info);
    }

    @Override
    public Optional<Snapshot> load(long id) {
        return PgStreams.list(
                        store.connection(),
                        store.pg(),
                        "reading snapshot " + id,
                        "SELECT " + INFO + ", state, state_sha256 FROM snapshots WHERE id = ?",
                        st -> st.setLong(1, id),
                        rs -> new Snapshot(info(rs), JsonDoc.ofText(rs.getString(10)), rs.getString(11)))
                .stream()
                .findFirst();
    }

    @Override
    public List<SnapshotInfo> save(List<NewSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return List.of();
        }
        return store.writer()
                .inTransaction(
                        "writing snapshots",
                        c -> {
                            List<SnapshotInfo> saved = new ArrayList<>(snapshots.size());
                            long now = Times.toMicros(Times.nowMicros());
                            try (PreparedStatement st = c.prepareStatement(UPSERT)) {
                                for (NewSnapshot s : snapshots) {
                                    String state = s.state().text();
                                    st.setString(1, s.stream().aggregateType());
                                    st.setString(2, s.stream().aggregateId());
                                    st.setLong(3, s.version());
                                    st.setLong(4, s.position());
                                    st.setLong(5, Times.toMicros(s.validTime()));
                                    st.setString(6, s.fingerprint());
                                    st.setString(7, state);
                                    st.setString(8, Snapshot.checksum(state));
                                    st.setLong(9, state.getBytes(StandardCharsets.UTF_8).length);
                                    st.setLong(10, now);
                                    try (ResultSet rs = st.executeQuery()) {
                                        rs.next();
                                        saved.add(info(rs));
                                    }
                                }
                            }
                            return saved;
                        },
                        PgWriter.unknown(store, "writing snapshots"));
    }

    @Override
    public int delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return store.writer()
                .inTransaction(
                        "deleting snapshots",
                        c -> {
                            try (PreparedStatement st = c.prepareStatement("DELETE FROM snapshots WHERE id = ANY(?)")) {
                                st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                                return st.executeUpdate();
                            }
                        },
                        PgWriter.unknown(store, "deleting snapshots"));
    }

    private static SnapshotInfo info(ResultSet rs) throws SQLException {
        return new SnapshotInfo(
                rs.getLong(1),
                new StreamId(rs.getString(2), rs.getString(3)),
                rs.getLong(4),
                rs.getLong(5),
                Times.fromMicros(rs.getLong(6)),
                rs.getString(7),
                Times.fromMicros(rs.getLong(8)),
                rs.getLong(9));
    }
}
