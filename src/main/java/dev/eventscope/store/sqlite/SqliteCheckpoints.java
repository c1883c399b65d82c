package dev.eventscope.store.sqlite;

import dev.eventscope.event.Times;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.Checkpoints;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code checkpoints} table. */
final class SqliteCheckpoints implements Checkpoints {

    private final StatementCache statements;
    private final Path file;

    SqliteCheckpoints(StatementCache statements, Path file) {
        this.statements = statements;
        this.file = file;
    }

    @Override
    public Optional<Checkpoint> get(String handler) {
        try {
            PreparedStatement st =
                    statements.get("SELECT position, updated_at, fingerprint FROM checkpoints WHERE handler = ?");
            st.setString(1, handler);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Checkpoint(handler, rs.getLong(1), Times.fromMicros(rs.getLong(2)), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the checkpoint of " + handler, file);
        }
    }

    @Override
    public void put(String handler, long position, String fingerprint) {
        try {
            PreparedStatement st = statements.get("INSERT INTO checkpoints (handler, position, updated_at, fingerprint)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (handler) DO UPDATE SET position = excluded.position,"
                    + " updated_at = excluded.updated_at, fingerprint = excluded.fingerprint");
            st.setString(1, handler);
            st.setLong(2, position);
            st.setLong(3, Times.toMicros(Times.nowMicros()));
            st.setString(4, fingerprint);
            st.executeUpdate();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "writing the checkpoint of " + handler, file);
        }
    }
}
