package dev.eventscope.ingest;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaValidationTest {

    static final EventValidator SCHEMAS = ModelLoader.parse(
                    "m.yaml",
                    "schemas:\n  Placed:\n    2: {type: object, required: [total], properties: {total: {type:"
                            + " number}}}\n",
                    Path.of("."),
                    List.of())
            .validator();

    @TempDir
    Path dir;

    EventStore store;

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("events.db")),
                StoreOptions.Access.WRITE,
                StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Nested
    class when_appending {

        @Test
        void an_event_that_breaks_the_schema_of_its_type_and_version_is_refused_and_nothing_is_written() {
            // given
            var good = event("Placed").version(2).payload("{\"total\":1}").build();
            var bad = event("Placed").version(2).payload("{\"total\":\"one\"}").build();
            var old = event("Placed").version(1).payload("{}").build();

            // when / then
            assertThatThrownBy(() -> new Appender(store, SCHEMAS).append(List.of(good, bad, old), ExpectedVersion.ANY))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("1 of 3 events do not match the schema of their event type and version;"
                                        + " nothing was written");
                        assertThat(e.problems())
                                .containsExactly("event 2 (Placed v2) $.payload.total: string found, number expected");
                    });
            assertThat(store.head().events()).isZero();
        }

        @Test
        void without_schemas_or_with_valid_events_the_events_are_appended() {
            // given
            var bad = event("Placed").version(2).payload("{}").build();
            var good = event("Placed").version(2).payload("{\"total\":1}").build();

            // when
            new Appender(store, EventValidator.NONE).append(List.of(bad), ExpectedVersion.ANY);
            new Appender(store, SCHEMAS).append(List.of(good), ExpectedVersion.ANY);

            // then
            assertThat(store.head().events()).isEqualTo(2);
        }
    }

    @Nested
    class when_importing {

        private Importer importer(boolean skipInvalid) {
            return new Importer(
                    () -> store,
                    new Importer.Options(EventJson.ReadOptions.DEFAULT, skipInvalid, null, SCHEMAS),
                    Progress.NONE);
        }

        @Test
        void each_line_that_breaks_its_schema_is_listed_with_its_number_the_first_20_then_a_count() throws Exception {
            // given
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                lines.add("{\"eventType\":\"Placed\",\"eventVersion\":2,\"aggregateType\":\"O\",\"aggregateId\":\"o-"
                        + i + "\",\"payload\":" + (i % 2 == 0 ? "{\"total\":" + i + "}" : "{}") + "}");
            }
            Path file = dir.resolve("in.ndjson");
            Files.write(file, lines);

            // when / then
            assertThatThrownBy(() -> importer(false).run(file, "in.ndjson"))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("in.ndjson: 25 of 50 lines are invalid; nothing was imported");
                        assertThat(e.problems()).hasSize(21);
                        assertThat(e.problems().get(0))
                                .isEqualTo("line 1: does not match the schema Placed v2: $.payload: required property"
                                        + " 'total' not found");
                        assertThat(e.problems().get(20)).isEqualTo("... and 5 more");
                        assertThat(e.hint())
                                .hasValueSatisfying(h -> assertThat(h).contains("--no-validate"));
                    });
            assertThat(store.head().events()).isZero();

            // and: with --skip-invalid the valid half is imported
            ImportReport report = importer(true).run(file, "in.ndjson");
            assertThat(report.imported()).isEqualTo(25);
            assertThat(report.rejected()).isEqualTo(25);
        }
    }
}
