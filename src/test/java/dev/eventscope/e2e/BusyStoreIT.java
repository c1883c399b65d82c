package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another writer holds the store's write lock: writers give up after the busy timeout, exit 75. */
class BusyStoreIT {

    @TempDir
    Path dir;

    @Test
    void writers_exit_75_while_another_holds_the_lock_and_readers_carry_on() throws Exception {
        // given
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_BUSY_TIMEOUT_MS", "200");
        Fixtures.importOrders(evs);
        Fixtures.write(dir, "more.ndjson", "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\"}\n");

        try (Connection holder = Fixtures.jdbc(dir.resolve("events.db"));
                Statement st = holder.createStatement()) {
            st.execute("BEGIN IMMEDIATE");

            // when
            Evs.Result append = evs.run("append", "--type", "A", "--aggregate-type", "T", "--aggregate-id", "1");
            Evs.Result imported = evs.run("import", "more.ndjson");
            Evs.Result read = evs.run("head");

            // then
            assertThat(append.exitCode()).as(append.toString()).isEqualTo(75);
            assertThat(append.stdout()).isEmpty();
            assertThat(append.stderr())
                    .isEqualTo("evs: store events.db stayed locked by another writer while appending\n"
                            + "hint: retry later; another process is writing to the same file\n");
            assertThat(imported.exitCode()).as(imported.toString()).isEqualTo(75);
            assertThat(imported.stderr())
                    .isEqualTo("evs: store events.db stayed locked by another writer while starting the import\n"
                            + "hint: retry later; another process is writing to the same file\n");
            assertThat(read.exitCode()).as(read.toString()).isZero();
            assertThat(read.stdout()).startsWith("4:");
            st.execute("ROLLBACK");
        }

        // and once the lock is released the same append succeeds
        Evs.Result retried = evs.run("append", "--type", "A", "--aggregate-type", "T", "--aggregate-id", "1");
        assertThat(retried.exitCode()).as(retried.toString()).isZero();
        assertThat(Fixtures.column(dir.resolve("events.db"), "SELECT count(*) FROM events"))
                .containsExactly("5");
    }
}
