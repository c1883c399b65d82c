package dev.eventscope.store.postgres;

import dev.eventscope.event.Times;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.Checkpoints;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code checkpoints} table. Times are UTC epoch microseconds. */
final class PgCheckpoints implements Checkpoints {

    private final PgEventStore store;

    PgCheckpoints(PgEventStore store) {
        this.store = store;
    }

    @Override
    public Optional<Checkpoint> get(String handler) {
        return PgStreams.list(
                        store.connection(),
                        store.pg(),
                        "reading the checkpoint of " + handler,
                        "SELECT position, updated_at, fingerprint FROM checkpoints WHERE handler = ?",
                        st -> st.setString(1, handler),
                        rs -> new Checkpoint(handler, rs.getLong(1), Times.fromMicros(rs.getLong(2)), rs.getString(3)))
                .stream()
                .findFirst();
    }

    @Override
    public void put(String handler, long position, String fingerprint) {
        try (PreparedStatement st = store.connection()
                .prepareStatement("INSERT INTO checkpoints (handler, position, updated_at, fingerprint)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (handler) DO UPDATE SET position = excluded.position,"
                        + " updated_at = excluded.updated_at, fingerprint = excluded.fingerprint")) {
            st.setString(1, handler);
            st.setLong(2, position);
            st.setLong(3, Times.toMicros(Times.nowMicros()));
            st.setString(4, fingerprint);
            st.executeUpdate();
        } catch (SQLException e) {
            throw PgProcessingFailures.failed(store, e, "writing the checkpoint of " + handler);
        }
    }
}
