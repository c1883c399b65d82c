package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceKindTest {

    @TempDir
    Path dir;

    @Test
    void an_unknown_kind_is_a_usage_error_that_lists_the_kinds() {
        assertThatThrownBy(() -> SourceKind.parse("eventstoredb"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown source kind 'eventstoredb'")
                .satisfies(e -> assertThat(((UsageException) e).hint())
                        .contains("--from takes one of: marten, emmett, messagedb, axon, eventsourcing, res, sql"));
    }

    @Test
    void kinds_are_named_in_any_case() {
        assertThat(SourceKind.parse("MessageDB")).isEqualTo(SourceKind.MESSAGEDB);
    }

    @Test
    void a_postgresql_only_store_in_a_sqlite_file_is_a_usage_error() {
        assertThatThrownBy(() -> new SourceOptions(SourceKind.MARTEN, Dialect.SQLITE, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessage("marten keeps its events only in PostgreSQL, not in a SQLite file");
    }

    @Test
    void a_source_with_another_stores_tables_is_invalid_input_naming_what_was_expected() throws Exception {
        // given: Emmett's file read as RubyEventStore's
        try (Connection c = SqliteFixtures.open("emmett/emmett.sqlite", dir)) {
            SourceReader reader = SqliteFixtures.reader(SourceKind.RES);

            // when / then
            assertThatThrownBy(() -> reader.read(c, SourcePosition.START, 10))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("the source has no res table: expected event_store_events");
        }
    }

    @Test
    void a_table_of_the_right_name_without_the_columns_names_the_missing_ones() throws Exception {
        // given: eventsourcing's table name given to the Emmett reader
        try (Connection c = SqliteFixtures.open("eventsourcing/eventsourcing.sqlite", dir)) {
            SourceReader reader =
                    SourceReaders.create(new SourceOptions(SourceKind.EMMETT, Dialect.SQLITE, null, "stored_events"));

            // when / then
            assertThatThrownBy(() -> reader.read(c, SourcePosition.START, 10))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("the source's table stored_events is not a emmett table: it lacks the"
                            + " columns stream_id, stream_position");
        }
    }
}
