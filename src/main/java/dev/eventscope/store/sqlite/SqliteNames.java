package dev.eventscope.store.sqlite;

import dev.eventscope.store.ReadNames;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@link ReadNames} over the indexes: distinct values by prefix are found by skipping from one
 * value to the next in the index (a recursive query), so the cost grows with the names returned,
 * not with the events stored. Prefixes are ranges on the indexed column, not LIKE.
 */
final class SqliteNames implements ReadNames {

    private final Connection connection;
    private final Path file;

    SqliteNames(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    @Override
    public List<String> aggregateTypes(String prefix, int limit) {
        return distinct("aggregate_type", "", prefix, limit, List.of());
    }

    @Override
    public List<String> eventTypes(String prefix, int limit) {
        return distinct("event_type", "", prefix, limit, List.of());
    }

    @Override
    public List<String> aggregateIds(String aggregateType, String prefix, int limit) {
        List<String> types = aggregateType != null ? List.of(aggregateType) : aggregateTypes("", 1_000);
        TreeSet<String> ids = new TreeSet<>();
        for (String type : types) {
            // each type's ids are a range of the stream index (aggregate_type, aggregate_id, ...)
            ids.addAll(distinct("aggregate_id", " AND aggregate_type = ?", prefix, limit, List.of(type)));
            while (ids.size() > limit) {
                ids.pollLast();
            }
        }
        return new ArrayList<>(ids);
    }

    /** Up to {@code limit} distinct values of {@code column} from {@code prefix}, sorted. */
    private List<String> distinct(String column, String where, String prefix, int limit, List<String> whereArgs) {
        String end = EventRows.prefixEnd(prefix);
        String range = " WHERE " + column + " >= ?" + (end == null ? "" : " AND " + column + " < ?") + where;
        String next = " WHERE " + column + " > t.x" + (end == null ? "" : " AND " + column + " < ?") + where;
        String sql = "WITH RECURSIVE t(x) AS (SELECT min(" + column + ") FROM events" + range
                + " UNION ALL SELECT (SELECT min(" + column + ") FROM events" + next + ") FROM t"
                + " WHERE t.x IS NOT NULL) SELECT x FROM t WHERE x IS NOT NULL LIMIT ?";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int i = 1;
            st.setString(i++, prefix);
            if (end != null) {
                st.setString(i++, end);
            }
            for (String arg : whereArgs) {
                st.setString(i++, arg);
            }
            if (end != null) {
                st.setString(i++, end);
            }
            for (String arg : whereArgs) {
                st.setString(i++, arg);
            }
            st.setInt(i, limit);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "listing names for completion", file);
        }
    }
}
