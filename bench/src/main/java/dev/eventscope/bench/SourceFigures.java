package dev.eventscope.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventscope.bench.Figure.Contender;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The figure of issue 19: importing from another store's table, against importing the same events
 * from NDJSON, both into an empty SQLite store, on the benchmark server ({@code bench/pg-server},
 * fsync on). Issue 19 asks for at least 0.8 times the NDJSON rate.
 *
 * <pre>
 *   pg-import-emmett   import --from emmett of N events from an Emmett emt_messages table
 *                      vs import of the same N events from NDJSON
 * </pre>
 *
 * The Emmett table holds part 1 of the generated events (the NDJSON yardstick's file), one row per
 * event with the columns Emmett's PostgreSQL store writes ({@code stream_id} as
 * {@code aggregateType-aggregateId}, data and metadata as jsonb, {@code transaction_id} of the
 * loading transactions); it is loaded once per size into schema {@code emmett_SIZE}.
 */
final class SourceFigures {

    private SourceFigures() {}

    static void addTo(Map<String, Supplier<Figure>> figures, Bench b) {
        long n = b.events;
        figures.put("pg-import-emmett", () -> {
            String schema = emmett(b);
            Path fromSource = b.work.resolve("import-emmett-source.db");
            Path fromNdjson = b.work.resolve("import-emmett-ndjson.db");
            return new Figure(
                    "pg-import-emmett",
                    "import of " + n + " events from an Emmett PostgreSQL table, against the same events from NDJSON",
                    n,
                    List.of(
                            Figures.evs(
                                    b,
                                    "eventscope import --from emmett",
                                    () -> Bench.removeStore(fromSource),
                                    fromSource,
                                    "-q",
                                    "import",
                                    "--from",
                                    "emmett",
                                    PgFigures.url() + "?schema=" + schema),
                            Figures.evs(
                                    b,
                                    "eventscope import NDJSON",
                                    () -> Bench.removeStore(fromNdjson),
                                    fromNdjson,
                                    "-q",
                                    "import",
                                    b.ndjson(1))));
        });
    }

    /** The schema holding part 1 as an Emmett table, loaded once per size. */
    static String emmett(Bench b) {
        String schema = "emmett_" + b.size;
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        try (Connection c = DriverManager.getConnection(PgFigures.jdbcUrl(), p);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_schema = '" + schema + "' AND table_name = 'emt_messages'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    try (ResultSet rows = st.executeQuery("SELECT count(*) FROM " + schema + ".emt_messages")) {
                        rows.next();
                        if (rows.getLong(1) == b.events) {
                            return schema;
                        }
                    }
                }
            }
            Harness.say("loading part 1 into an Emmett table in PostgreSQL schema " + schema + " (once)");
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
            // the columns of emmett-postgresql 0.42's emt_messages (src/test/fixtures/emmett)
            st.execute("CREATE TABLE " + schema + ".emt_messages (stream_id text NOT NULL, stream_position bigint"
                    + " NOT NULL, partition text NOT NULL DEFAULT 'emt:default', message_kind char(1) NOT NULL"
                    + " DEFAULT 'E', message_data jsonb NOT NULL, message_metadata jsonb NOT NULL,"
                    + " message_schema_version text NOT NULL, message_type text NOT NULL, message_id text NOT NULL,"
                    + " is_archived boolean NOT NULL DEFAULT false, global_position bigint PRIMARY KEY,"
                    + " transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),"
                    + " created timestamptz NOT NULL DEFAULT now())");
            load(c, schema, b.ndjson(1));
            st.execute("CREATE INDEX ON " + schema + ".emt_messages (transaction_id, global_position)");
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the Emmett table: " + e.getMessage(), e);
        }
        return schema;
    }

    private static void load(Connection c, String schema, Path ndjson) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> versions = new java.util.HashMap<>();
        c.setAutoCommit(false);
        try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8);
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".emt_messages (stream_id,"
                        + " stream_position, message_data, message_metadata, message_schema_version, message_type,"
                        + " message_id, global_position, created) VALUES (?, ?, ?::jsonb, ?::jsonb, '1', ?, ?, ?, ?)")) {
            String line;
            long position = 0;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = json.readTree(line);
                String stream = e.get("aggregateType").asText() + "-" + e.get("aggregateId").asText();
                ps.setString(1, stream);
                ps.setLong(2, versions.merge(stream, 1L, Long::sum));
                ps.setString(3, e.path("payload").toString());
                ps.setString(4, e.path("metadata").isMissingNode() ? "{}" : e.get("metadata").toString());
                ps.setString(5, e.get("eventType").asText());
                ps.setString(6, e.get("eventId").asText());
                ps.setLong(7, ++position);
                ps.setTimestamp(8, Timestamp.from(Instant.parse(e.get("timestamp").asText())));
                ps.addBatch();
                if (position % 10_000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
