package dev.eventscope.source;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Text;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What every reader shares: one SELECT per page, ordered by the source's position and bound to the
 * position to read after and the page size, and one {@link SourceEventBuilder} per row. A row that
 * cannot be mapped stops the read with its position in the message.
 */
abstract class TableReader implements SourceReader {

    /** The most characters a payload's text may have before YAML conversion is not attempted. */
    static final int MAX_TEXT_CHARS = 16 * 1024 * 1024;

    final SourceOptions options;
    final SourceIds ids = new SourceIds();
    private String sql;

    TableReader(SourceOptions options) {
        this.options = options;
    }

    @Override
    public final SourceKind kind() {
        return options.kind();
    }

    Dialect dialect() {
        return options.dialect();
    }

    /** The page's SELECT, built once the layout is known. */
    abstract String selectSql();

    /** Where the current row sits in the source's order. */
    abstract SourcePosition positionOf(ResultSet rs) throws SQLException;

    /** Fills {@code b} from the current row. */
    abstract void map(ResultSet rs, SourceEventBuilder b) throws SQLException;

    void bind(PreparedStatement ps, SourcePosition after, int limit) throws SQLException {
        ps.setLong(1, after.position());
        ps.setInt(2, limit);
    }

    @Override
    public final List<SourceEvent> read(Connection connection, SourcePosition after, int limit) throws SQLException {
        if (sql == null) {
            checkLayout(connection);
            sql = selectSql();
        }
        List<SourceEvent> page = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, after, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourcePosition position = positionOf(rs);
                    SourceEventBuilder b = new SourceEventBuilder(kind(), options.name(), position);
                    try {
                        map(rs, b);
                        page.add(b.build());
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException(
                                "the " + kind().cliName() + " event at source position " + position
                                        + " cannot be imported: " + e.getMessage(),
                                "the source row is left as it is; nothing was written");
                    }
                }
            }
        }
        return page;
    }

    /** A column holding bytes or text (bytea, blob, text, json, jsonb) as bytes, or null. */
    static byte[] bytes(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] b) {
            return b;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A required text column, or a message naming it. */
    static String required(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        if (value == null) {
            throw new IllegalArgumentException(column + " is null");
        }
        return value;
    }

    static String printable(String text) {
        return Text.printable(text, 80);
    }
}
