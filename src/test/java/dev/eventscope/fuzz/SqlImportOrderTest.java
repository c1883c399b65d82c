package dev.eventscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code import --from sql} over a table whose order column holds something other than a positive
 * integer in one row: the import is refused (exit 65) naming the value, and nothing is written.
 * Regression tests of what {@link SqlImportFuzzTest} found (issue 22): a row whose order was NULL
 * or 0 or less was left out without a word (exit 0, "imported 1 events" of 2 rows), and a fraction
 * was read as the integer before it.
 */
class SqlImportOrderTest {

    private static final Evs EVS = new Evs(Evs.scratch("sql-order"));

    @ParameterizedTest(name = "order {0}")
    @CsvSource(
            delimiter = '|',
            value = {"NULL|null", "0|0", "-3|-3", "1.5|1.5", "1e30|1.0E30"})
    void regression_issue_22_a_row_without_a_positive_integer_order_is_refused(String order, String shown)
            throws Exception {
        // given
        EVS.reset();
        Path source = EVS.dir().resolve("legacy.db");
        Path mapping = EVS.dir().resolve("legacy.yaml");
        Files.writeString(
                mapping,
                "table: order_events\norder: id\nfields:\n  eventType: kind\n  aggregateType: {value: Order}\n"
                        + "  aggregateId: order_id\n  payload: body\n",
                StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
                Statement st = c.createStatement()) {
            st.executeUpdate("create table order_events (id, order_id, kind, body)");
            st.executeUpdate("insert into order_events values (1, 'o-1', 'OrderPlaced', '{}')");
            st.executeUpdate("insert into order_events values (" + order + ", 'o-1', 'OrderShipped', '{}')");
        }

        // when
        Evs.Run r =
                Outcome.require(EVS.run("import", "--from", "sql", source.toString(), "--mapping", mapping.toString()));

        // then
        assertThat(r.exit()).as(r.toString()).isEqualTo(65);
        assertThat(r.err())
                .as(r.toString())
                .startsWith("evs: the order column 'id' holds " + shown + ", not a positive integer");
        assertThat(Files.exists(EVS.db()) ? EVS.run("export").out() : "")
                .as("nothing written")
                .isEmpty();
    }
}
