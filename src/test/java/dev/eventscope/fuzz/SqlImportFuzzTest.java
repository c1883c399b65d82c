package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * {@code import --from sql} reading the rows of a home-grown SQLite table through a fixed, valid
 * mapping: the rows are what is fuzzed (NULLs, integers, reals, text and blobs in any column, huge
 * text, payloads and metadata that are not JSON or not objects, odd timestamps, ids and versions,
 * an order column that is not an increasing integer). The import either succeeds, and then every
 * row is one event, {@code export}, {@code events -o ndjson} and {@code show} agree on each, the
 * store verifies, and the export imports into another store and exports the same again; or it is
 * refused with a documented exit code and a message, and the store holds no event. The source file
 * is never changed.
 */
class SqlImportFuzzTest {

    private static final Evs EVS = new Evs(Evs.scratch("sql-import"));
    private static final Evs AGAIN = new Evs(Evs.scratch("sql-import-again"));

    /** Every field from a column, so that every one of them can hold anything. */
    private static final String MAPPING = String.join(
            "\n",
            "table: src_events",
            "order: id",
            "fields:",
            "  eventId: event_uuid",
            "  eventType: kind",
            "  aggregateType: agg_type",
            "  aggregateId: agg_id",
            "  streamVersion: version",
            "  eventVersion: schema",
            "  timestamp: at",
            "  payload: body",
            "  metadata: meta",
            "  correlationId: meta.trace.id",
            "  causationId: cause",
            "  userId: actor",
            "");

    private static final List<String> COLUMNS = List.of(
            "id",
            "event_uuid",
            "kind",
            "agg_type",
            "agg_id",
            "version",
            "schema",
            "at",
            "body",
            "meta",
            "cause",
            "actor");

    @FuzzTest(maxDuration = "10m")
    void rows(FuzzedDataProvider data) {
        EVS.reset();
        AGAIN.reset();
        Path source = EVS.dir().resolve("source.db");
        Path mapping = EVS.dir().resolve("mapping.yaml");
        int rows = data.consumeInt(0, 4);
        write(source, mapping, rows, data);
        byte[] before = digest(source);

        Evs.Run imported =
                Outcome.require(EVS.run("import", "--from", "sql", source.toString(), "--mapping", mapping.toString()));

        if (!Arrays.equals(before, digest(source))) {
            throw Outcome.finding("the import changed the source database", imported);
        }
        if (Outcome.refused(imported)) {
            requireNothingWritten(imported);
            return;
        }
        Evs.Run export = Outcome.require(EVS.run("export"));
        List<JsonNode> exported = RoundTrip.lines(export.out());
        if (exported.size() != rows) {
            throw Outcome.finding(rows + " rows were imported as " + exported.size() + " events", imported, export);
        }
        if (rows == 0) {
            return;
        }
        Evs.Run events = Outcome.require(EVS.run("events", "-o", "ndjson"));
        List<JsonNode> listed = RoundTrip.lines(events.out());
        if (listed.size() != rows) {
            throw Outcome.finding("events lists " + listed.size() + " of " + rows + " events", events);
        }
        for (int i = 0; i < rows; i++) {
            RoundTrip.requireSame(exported.get(i), listed.get(i), events);
            Evs.Run show = Outcome.require(EVS.run("show", Integer.toString(i + 1), "-o", "json"));
            if (show.exit() != 0) {
                throw Outcome.finding("an imported event cannot be shown", show);
            }
            RoundTrip.requireSame(
                    exported.get(i),
                    RoundTrip.lines(show.out().replace("\n", " ")).get(0),
                    show);
        }
        Evs.Run verify = Outcome.require(EVS.run("verify"), 1);
        if (verify.exit() != 0) {
            throw Outcome.finding("a store made by an import does not verify", imported, verify);
        }

        // the export is an NDJSON file that imports as the same events
        Path file = AGAIN.dir().resolve("export.ndjson");
        try {
            Files.writeString(file, export.out(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Evs.Run reimport = Outcome.require(AGAIN.run("import", file.toString()));
        if (reimport.exit() != 0) {
            throw Outcome.finding("the export of an import does not import again", export, reimport);
        }
        List<JsonNode> again =
                RoundTrip.lines(Outcome.require(AGAIN.run("export")).out());
        for (int i = 0; i < rows; i++) {
            RoundTrip.requireSame(exported.get(i), again.get(i), reimport);
        }
    }

    private static void requireNothingWritten(Evs.Run imported) {
        if (!Files.exists(EVS.db())) {
            return;
        }
        Evs.Run export = EVS.run("export");
        if (export.exit() == 0 && !export.out().isBlank()) {
            throw Outcome.finding("a refused import wrote events", imported, export);
        }
    }

    /** The mapping file, and the source table with {@code rows} rows of fuzzed values. */
    private static void write(Path source, Path mapping, int rows, FuzzedDataProvider data) {
        try {
            Files.writeString(mapping, MAPPING, StandardCharsets.UTF_8);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source)) {
                try (Statement st = c.createStatement()) {
                    // no declared types: SQLite keeps every value with the type it was given
                    st.executeUpdate("create table src_events (" + String.join(", ", COLUMNS) + ")");
                }
                String insert = "insert into src_events values (" + "?,".repeat(COLUMNS.size() - 1) + "?)";
                try (PreparedStatement st = c.prepareStatement(insert)) {
                    for (int row = 1; row <= rows; row++) {
                        for (int col = 0; col < COLUMNS.size(); col++) {
                            st.setObject(col + 1, value(COLUMNS.get(col), row, data));
                        }
                        st.executeUpdate();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the source table", e);
        }
    }

    /**
     * A value for {@code column} of row {@code row}: mostly one a real table would hold (so that
     * imports succeed and are compared), else NULL, any integer, real, text (up to about 2 MB) or
     * blob.
     */
    private static Object value(String column, int row, FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 7);
        return switch (kind) {
            case 0, 1, 2 -> plausible(column, row, data);
            case 3 -> null;
            case 4 -> data.consumeLong();
            case 5 -> data.consumeRegularDouble();
            case 6 -> {
                String text = data.consumeString(60);
                int times = switch (data.consumeInt(0, 9)) {
                    case 9 -> 100_000;
                    case 8 -> 1_000;
                    default -> 1;
                };
                yield text.repeat(times);
            }
            default -> data.consumeBytes(60);
        };
    }

    private static Object plausible(String column, int row, FuzzedDataProvider data) {
        return switch (column) {
            case "id", "version" -> (long) row;
            case "event_uuid" -> String.format("00000000-0000-4000-8000-%012d", row);
            case "kind" -> "OrderPlaced";
            case "agg_type" -> "Order";
            case "agg_id" -> "order-" + data.consumeInt(1, 3);
            case "schema" -> 1L;
            case "at" -> "2024-01-1" + row + "T10:30:00Z";
            case "body" ->
                "{\"total\": " + data.consumeInt() + ", \"note\": \""
                        + data.consumeAsciiString(20).replace("\\", "").replace("\"", "") + "\"}";
            case "meta" -> "{\"trace\": {\"id\": \"t-" + row + "\"}}";
            default -> "x-" + row;
        };
    }

    private static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
