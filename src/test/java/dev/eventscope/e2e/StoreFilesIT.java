package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files given as a store that are missing, damaged, foreign or too new: exit 66, 74 and 65. */
class StoreFilesIT {

    private static final String NOT_SQLITE = "evs: events.db is damaged or not an SQLite database ([SQLITE_NOTADB]"
            + " File opened that is not a database file (file is not a database))\n"
            + "hint: check the path; run evs verify --full on a copy, or restore from a backup\n";

    @TempDir
    Path dir;

    @Test
    void every_reader_reports_a_missing_store_as_not_found_and_creates_nothing() {
        Evs evs = Evs.in(dir);
        String[][] readers = {{"events"}, {"export"}, {"show", "1"}, {"streams"}, {"verify"}, {"head"}};
        for (String[] command : readers) {
            Evs.Result r = evs.run(command);
            assertThat(r.exitCode()).as(command[0] + ": " + r).isEqualTo(66);
            assertThat(r.stdout()).as(command[0]).isEmpty();
            assertThat(r.stderr())
                    .as(command[0])
                    .isEqualTo("evs: no store at events.db (the default store, relative to " + realDir()
                            + ")\nhint: create one with 'evs init' or 'evs import FILE', or pass --db FILE\n");
        }
        assertThat(dir.resolve("events.db")).doesNotExist();
    }

    @Test
    void a_file_of_random_bytes_is_a_damaged_store_for_readers_and_writers() throws Exception {
        // given
        byte[] noise = new byte[16_384];
        new Random(7).nextBytes(noise);
        Files.write(dir.resolve("events.db"), noise);
        Evs evs = Evs.in(dir);

        // when
        Evs.Result read = evs.run("events");
        Evs.Result write = evs.run("append", "--type", "A", "--aggregate-type", "T", "--aggregate-id", "1");

        // then
        assertThat(read.exitCode()).isEqualTo(74);
        assertThat(read.stderr()).isEqualTo(NOT_SQLITE);
        assertThat(write.exitCode()).isEqualTo(74);
        assertThat(write.stderr()).isEqualTo(NOT_SQLITE);
        assertThat(Files.readAllBytes(dir.resolve("events.db"))).isEqualTo(noise);
    }

    @Test
    void a_store_with_a_newer_schema_is_refused() {
        // given
        Evs evs = Evs.in(dir);
        Fixtures.importOrders(evs);
        Fixtures.sql(dir.resolve("events.db"), "PRAGMA user_version = 1000");

        // when
        Evs.Result r = evs.run("streams");

        // then
        assertThat(r.exitCode()).isEqualTo(74);
        assertThat(r.stderr())
                .matches("evs: events\\.db has store schema 1000, newer than this Eventscope knows \\(\\d+\\)\n"
                        + "hint: use a newer Eventscope for this store\n");
    }

    @Test
    void another_applications_sqlite_file_is_refused_untouched() {
        // given
        Fixtures.sql(dir.resolve("events.db"), "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
        String before = Fixtures.sha256(dir.resolve("events.db"));

        // when
        Evs.Result r = Evs.in(dir)
                .run(
                        "import",
                        Evs.baseDir().resolve("samples/orders/events.ndjson").toString());

        // then
        assertThat(r.exitCode()).isEqualTo(65);
        assertThat(r.stderr())
                .isEqualTo("evs: events.db is an SQLite database but not an Eventscope store (application_id"
                        + " 0x00000000)\nhint: pass --db with an Eventscope store, or a new file name to create"
                        + " one\n");
        assertThat(Fixtures.sha256(dir.resolve("events.db"))).isEqualTo(before);
    }

    @Test
    void a_directory_is_not_a_store() throws Exception {
        Files.createDirectory(dir.resolve("store"));

        Evs.Result r = Evs.in(dir).run("--db", "store", "init");

        assertThat(r.exitCode()).isEqualTo(74);
        assertThat(r.stderr()).isEqualTo("evs: store is a directory, not a store file\nhint: pass --db FILE\n");
    }

    private String realDir() {
        try {
            return dir.toRealPath().toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
