package dev.eventscope.store.postgres;

import dev.eventscope.store.ReadNames;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The names the store holds, by prefix: each a loose scan of an index (one seek per distinct
 * name), bounded by a range rather than LIKE, so a prefix is text, never a pattern.
 */
final class PgNames implements ReadNames {

    private final PgEventStore store;

    PgNames(PgEventStore store) {
        this.store = store;
    }

    @Override
    public List<String> aggregateTypes(String prefix, int limit) {
        return distinct("aggregate_type", "", prefix, limit, null);
    }

    @Override
    public List<String> eventTypes(String prefix, int limit) {
        return distinct("event_type", "", prefix, limit, null);
    }

    @Override
    public List<String> aggregateIds(String aggregateType, String prefix, int limit) {
        List<String> types = aggregateType != null ? List.of(aggregateType) : aggregateTypes("", 1_000);
        TreeSet<String> ids = new TreeSet<>();
        for (String type : types) {
            ids.addAll(distinct("aggregate_id", " AND aggregate_type = ?", prefix, limit, type));
            while (ids.size() > limit) {
                ids.pollLast();
            }
        }
        return new ArrayList<>(ids);
    }

    private List<String> distinct(String column, String where, String prefix, int limit, String whereArg) {
        String end = PgRows.prefixEnd(prefix);
        String range = " WHERE " + column + " >= ?" + (end == null ? "" : " AND " + column + " < ?") + where;
        String next = " WHERE " + column + " > t.x" + (end == null ? "" : " AND " + column + " < ?") + where;
        String sql = "WITH RECURSIVE t(x) AS (SELECT min(" + column + ") FROM events" + range
                + " UNION ALL SELECT (SELECT min(" + column + ") FROM events" + next + ") FROM t"
                + " WHERE t.x IS NOT NULL) SELECT x FROM t WHERE x IS NOT NULL LIMIT ?";
        return PgStreams.list(
                store.connection(),
                store.pg(),
                "listing names for completion",
                sql,
                st -> {
                    int i = 1;
                    st.setString(i++, prefix);
                    if (end != null) {
                        st.setString(i++, end);
                    }
                    if (whereArg != null) {
                        st.setString(i++, whereArg);
                    }
                    if (end != null) {
                        st.setString(i++, end);
                    }
                    if (whereArg != null) {
                        st.setString(i++, whereArg);
                    }
                    st.setInt(i, limit);
                },
                rs -> rs.getString(1));
    }
}
