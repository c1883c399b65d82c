package dev.eventscope.bench.raw;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Yardstick 2: the plainest fast JDBC load. Reads the rows the generator wrote as CSV (values as
 * the store keeps them: positions, versions, micro times, hashes) and inserts them with one
 * prepared INSERT, 10,000 rows per transaction, into the schema of the migrations with all its
 * indexes. No validation, no hashing, no JSON: what is left is the driver and SQLite.
 */
final class RawLoad {

    static final int PER_TRANSACTION = 10_000;

    private static final String INSERT = "INSERT INTO events (position, event_id, aggregate_type, aggregate_id,"
            + " stream_version, event_type, event_version, occurred_at, recorded_at, correlation_id, causation_id,"
            + " user_id, payload, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private RawLoad() {}

    static long load(Path db, Path schema, Path csv) throws IOException, SQLException {
        boolean fresh = !Files.exists(db);
        try (Connection c = RawConnections.open(db, false);
                BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            if (fresh) {
                createSchema(c, schema);
            }
            long rows = 0;
            try (Statement tx = c.createStatement();
                    PreparedStatement insert = c.prepareStatement(INSERT)) {
                tx.execute("BEGIN IMMEDIATE");
                List<String> fields;
                while ((fields = Csv.next(in)) != null) {
                    bind(insert, fields);
                    insert.executeUpdate();
                    if (++rows % PER_TRANSACTION == 0) {
                        tx.execute("COMMIT");
                        tx.execute("BEGIN IMMEDIATE");
                    }
                }
                tx.execute("COMMIT");
            }
            return rows;
        }
    }

    /** The statements of the migrations, as bench/run wrote them: each ends with a line ";". */
    static void createSchema(Connection c, Path schema) throws IOException, SQLException {
        String text = Files.readString(schema);
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            for (String statement : text.split("\n;\n")) {
                if (!statement.isBlank() && !statement.strip().startsWith("PRAGMA")) {
                    st.execute(statement);
                }
            }
            st.execute("COMMIT");
        }
    }

    private static void bind(PreparedStatement st, List<String> f) throws SQLException {
        st.setLong(1, Long.parseLong(f.get(0)));
        st.setString(2, f.get(1));
        st.setString(3, f.get(2));
        st.setString(4, f.get(3));
        st.setLong(5, Long.parseLong(f.get(4)));
        st.setString(6, f.get(5));
        st.setInt(7, Integer.parseInt(f.get(6)));
        st.setLong(8, Long.parseLong(f.get(7)));
        st.setLong(9, Long.parseLong(f.get(8)));
        text(st, 10, f.get(9));
        text(st, 11, f.get(10));
        text(st, 12, f.get(11));
        st.setString(13, f.get(12));
        st.setString(14, f.get(13));
        st.setString(15, f.get(14));
    }

    /** An empty CSV field of a nullable column is NULL (as the sqlite3 load does with NULLIF). */
    private static void text(PreparedStatement st, int index, String value) throws SQLException {
        if (value.isEmpty()) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and newlines. */
    static final class Csv {
        private Csv() {}

        static List<String> next(BufferedReader in) throws IOException {
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            List<String> fields = new ArrayList<>(15);
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i == line.length()) {
                    if (!quoted) {
                        fields.add(field.toString());
                        return fields;
                    }
                    field.append('\n');
                    line = in.readLine();
                    if (line == null) {
                        throw new IOException("the CSV ends inside a quoted field");
                    }
                    i = 0;
                    continue;
                }
                char ch = line.charAt(i++);
                if (quoted) {
                    if (ch == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
        }
    }
}
