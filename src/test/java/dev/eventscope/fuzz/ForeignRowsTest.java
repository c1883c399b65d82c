package dev.eventscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows inserted into the events table with plain SQL (as the sqlite3 CLI would) that no append
 * could have written: every reading command reports a damaged store (exit 74), never an internal
 * error. Regression tests of what writing {@link StoreFileFuzzTest} turned up (issue 22).
 */
class ForeignRowsTest {

    private static final Evs EVS = new Evs(Evs.scratch("foreign"));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "an event id that is not a UUID|'x-1', 'Order', 'order-9', 1, 'E', 1, 0, 0, '{}', '{}'",
                "a payload that is not JSON|'00000000-0000-4000-8000-000000000009', 'Order', 'order-9', 1, 'E', 1, 0,"
                        + " 0, '{nope', '{}'",
                "metadata that is not JSON|'00000000-0000-4000-8000-000000000009', 'Order', 'order-9', 1, 'E', 1, 0,"
                        + " 0, '{}', '['",
                "an empty aggregate id|'00000000-0000-4000-8000-000000000009', 'Order', '', 1, 'E', 1, 0, 0, '{}',"
                        + " '{}'"
            })
    void regression_a_foreign_row_is_reported_as_a_damaged_store(String what, String values) throws Exception {
        for (String command : new String[] {"events -o ndjson", "export", "show 419", "stats"}) {
            // given
            EVS.reset();
            Fixtures.copyOrdersStore(EVS.dir());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + EVS.db());
                    Statement st = c.createStatement()) {
                st.executeUpdate("insert into events(event_id, aggregate_type, aggregate_id, stream_version,"
                        + " event_type, event_version, occurred_at, recorded_at, payload, metadata, hash) values ("
                        + values + ", 'h')");
            }

            // when
            Evs.Run r = Outcome.require(EVS.run(command.split(" ")), 1);

            // then
            assertThat(r.exit()).as(r.toString()).isIn(0, 74);
            if (r.exit() == 74) {
                assertThat(r.err()).as(r.toString()).contains("the store is damaged or was changed outside Eventscope");
            }
        }
    }
}
