package dev.eventscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events made in memory ({@code import --from}) import exactly as the NDJSON lines they would be
 * (ADR 0260): the same stored events, derived ids, problems with the same messages and record
 * names, the same counts, the same rejects file. Each case imports the same events both ways, into
 * a new store each, and compares.
 */
class EventsMadeInMemoryTest {

    private static final LongFunction<String> BY_SOURCE_POSITION = n -> "event at source position " + (n * 10);

    @TempDir
    Path dir;

    private int stores;

    /** What an import did: its report or its failure, and the events it stored. */
    private record Outcome(ImportReport report, RuntimeException failure, List<RecordedEvent> stored) {}

    private Outcome asLines(List<NewEvent> events, Importer.Options options) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (NewEvent e : events) {
            EventJson.writeInput(e, lines);
            lines.write('\n');
        }
        Path file = dir.resolve("events-" + stores + ".ndjson");
        Files.write(file, lines.toByteArray());
        return imported(options, importer -> Optional.of(importer.run(file, "source")));
    }

    private Outcome inMemory(List<NewEvent> events, Importer.Options options) {
        return imported(
                options,
                importer -> importer.runOnePass(
                        () -> {
                            Iterator<NewEvent> it = events.iterator();
                            return () -> it.hasNext() ? it.next() : null;
                        },
                        "source"));
    }

    private Outcome imported(
            Importer.Options options, java.util.function.Function<Importer, Optional<ImportReport>> how) {
        Path db = dir.resolve("store-" + (stores++) + ".db");
        try (EventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(db), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            ImportReport report = null;
            RuntimeException failure = null;
            try {
                report = how.apply(new Importer(() -> store, options, Progress.NONE))
                        .orElseThrow(() -> new AssertionError("a new store takes an import in one pass"));
            } catch (InvalidInputException | ConflictException e) {
                failure = e;
            }
            List<RecordedEvent> stored;
            try (Stream<RecordedEvent> all = store.read(EventQuery.ALL)) {
                stored = all.toList();
            }
            return new Outcome(report, failure, stored);
        }
    }

    private static Importer.Options options(EventJson.ReadOptions read, boolean skipInvalid, Path rejects) {
        return new Importer.Options(read, skipInvalid, rejects, EventValidator.NONE, BY_SOURCE_POSITION);
    }

    /** Both outcomes alike in everything but the time the store recorded the events (and so their hashes). */
    private static void assertSame(Outcome lines, Outcome memory) {
        if (lines.failure() == null) {
            assertThat(memory.failure()).isNull();
            assertThat(memory.report().lines()).isEqualTo(lines.report().lines());
            assertThat(memory.report().imported()).isEqualTo(lines.report().imported());
            assertThat(memory.report().skipped()).isEqualTo(lines.report().skipped());
            assertThat(memory.report().rejected()).isEqualTo(lines.report().rejected());
        } else {
            assertThat(memory.failure()).isInstanceOf(lines.failure().getClass());
            assertThat(memory.failure().getMessage()).isEqualTo(lines.failure().getMessage());
            if (lines.failure() instanceof InvalidInputException invalid) {
                InvalidInputException other = (InvalidInputException) memory.failure();
                assertThat(other.problems()).isEqualTo(invalid.problems());
                assertThat(other.hint()).isEqualTo(invalid.hint());
            }
        }
        assertThat(memory.stored()).hasSameSizeAs(lines.stored());
        for (int i = 0; i < lines.stored().size(); i++) {
            RecordedEvent a = lines.stored().get(i);
            RecordedEvent b = memory.stored().get(i);
            assertThat(b.position()).isEqualTo(a.position());
            assertThat(b.eventId()).isEqualTo(a.eventId());
            assertThat(b.eventType()).isEqualTo(a.eventType());
            assertThat(b.stream()).isEqualTo(a.stream());
            assertThat(b.streamVersion()).isEqualTo(a.streamVersion());
            assertThat(b.eventVersion()).isEqualTo(a.eventVersion());
            // an event without a time takes the time it is recorded
            if (a.timestamp().equals(a.recordedAt())) {
                assertThat(b.timestamp()).isEqualTo(b.recordedAt());
            } else {
                assertThat(b.timestamp()).isEqualTo(a.timestamp());
            }
            assertThat(b.payload().text()).isEqualTo(a.payload().text());
            assertThat(b.metadata().text()).isEqualTo(a.metadata().text());
            assertThat(b.correlationId()).isEqualTo(a.correlationId());
            assertThat(b.causationId()).isEqualTo(a.causationId());
            assertThat(b.userId()).isEqualTo(a.userId());
        }
    }

    private static NewEvent event(int i, UUID id, Instant at, String payload, ObjectNode metadata) {
        return new NewEvent(
                id,
                i % 2 == 0 ? "Placed" : "Paid",
                new StreamId("Order", "o-" + (i % 3)),
                1,
                at,
                JsonDoc.ofText(payload),
                JsonDoc.of(Json.write(metadata), metadata),
                null);
    }

    private static ObjectNode metadata(String correlationId) {
        ObjectNode m = Json.object();
        if (correlationId != null) {
            m.put("correlationId", correlationId);
        }
        m.putObject("importedFrom").put("kind", "emmett").put("position", "7");
        return m;
    }

    private static List<NewEvent> valid() {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            events.add(event(
                    i,
                    i % 5 == 0 ? null : new UUID(42, i),
                    i % 4 == 0
                            ? null
                            : Instant.parse("2024-01-15T10:30:00.123456Z").plusSeconds(i),
                    "{\"n\":" + i + ",\"amount\":1.50,\"big\":1e5,\"text\":\"é \\\"q\\\" 😀 \\u0001\"}",
                    metadata(i % 3 == 0 ? "req-" + i : null)));
        }
        return events;
    }

    @Nested
    class when_every_event_is_valid {

        @Test
        void the_same_events_are_stored_with_the_same_derived_ids() throws IOException {
            // given
            List<NewEvent> events = valid();
            var options = options(EventJson.ReadOptions.DEFAULT, false, null);

            // when
            Outcome lines = asLines(events, options);
            Outcome memory = inMemory(events, options);

            // then
            assertThat(lines.failure()).isNull();
            assertThat(lines.stored()).hasSize(30);
            assertSame(lines, memory);
        }
    }

    @Nested
    class when_events_are_invalid {

        /** One event of each kind of problem, among valid ones. */
        private List<NewEvent> mixed() {
            List<NewEvent> events = new ArrayList<>(valid().subList(0, 4));
            // a time finer than a microsecond
            events.add(event(5, new UUID(7, 5), Instant.parse("2024-01-15T10:30:00.123456789Z"), "{}", metadata(null)));
            // a year the input form cannot write
            events.add(event(6, new UUID(7, 6), Instant.parse("+12024-01-15T10:30:00Z"), "{}", metadata(null)));
            // an unpaired surrogate in the payload, and one in the metadata
            events.add(event(7, new UUID(7, 7), null, "{\"a\":[1,\"x\ud800\"]}", metadata(null)));
            ObjectNode lone = metadata(null);
            lone.put("note", "\udc00");
            events.add(event(8, new UUID(7, 8), null, "{}", lone));
            // a payload over the limit, a payload that is not an object
            events.add(event(9, new UUID(7, 9), null, "{\"text\":\"" + "é".repeat(300) + "\"}", metadata(null)));
            events.add(event(10, new UUID(7, 10), null, "[1,2]", metadata(null)));
            // indexed metadata values that are no clean names
            events.add(event(11, new UUID(7, 11), null, "{}", metadata("x".repeat(513))));
            events.add(event(12, new UUID(7, 12), null, "{}", metadata("a\u0007b")));
            ObjectNode number = metadata(null);
            number.put("userId", 12);
            events.add(event(13, new UUID(7, 13), null, "{}", number));
            events.addAll(valid().subList(20, 30));
            return events;
        }

        private final EventJson.ReadOptions read = new EventJson.ReadOptions(null, 500);

        @Test
        void each_is_refused_with_the_message_and_record_name_of_its_line_and_nothing_is_imported() throws IOException {
            // given
            var options = options(read, false, null);

            // when
            Outcome lines = asLines(mixed(), options);
            Outcome memory = inMemory(mixed(), options);

            // then
            assertThat(lines.failure()).hasMessage("source: 9 of 23 events are invalid; nothing was imported");
            assertThat(((InvalidInputException) lines.failure()).problems())
                    .contains(
                            "event at source position 50: '2024-01-15T10:30:00.123456789Z' is more precise than a"
                                    + " microsecond, which the store cannot keep",
                            "event at source position 70: unpaired surrogate (not valid Unicode) at $.payload.a[1]",
                            "event at source position 100: payload must be a JSON object, got an array");
            assertSame(lines, memory);
        }

        @Test
        void with_skip_invalid_the_same_events_are_imported_and_the_same_rejects_written() throws IOException {
            // given
            Path linesRejects = dir.resolve("lines-rejects.ndjson");
            Path memoryRejects = dir.resolve("memory-rejects.ndjson");

            // when
            Outcome lines = asLines(mixed(), options(read, true, linesRejects));
            Outcome memory = inMemory(mixed(), options(read, true, memoryRejects));

            // then
            assertThat(lines.report().rejected()).isEqualTo(9);
            assertThat(lines.stored()).hasSize(14);
            assertSame(lines, memory);
            assertThat(Files.readString(memoryRejects)).isEqualTo(Files.readString(linesRejects));
        }

        @Test
        void an_event_longer_than_a_record_may_be_is_refused_as_its_line_is() throws IOException {
            // given: a payload limit of 2 bytes allows records of 128 KiB and 4 bytes
            var options = options(new EventJson.ReadOptions(null, 2), true, dir.resolve("rejects.ndjson"));
            List<NewEvent> events = List.of(
                    event(1, new UUID(1, 1), null, "{}", metadata(null)),
                    event(2, new UUID(1, 2), null, "{\"a\":\"" + "x".repeat(140_000) + "\"}", metadata(null)));

            // when
            Outcome lines = asLines(events, options);
            Outcome memory = inMemory(events, options);

            // then
            assertThat(lines.report().rejected()).isEqualTo(1);
            assertSame(lines, memory);
        }

        @Test
        void an_event_that_breaks_the_schema_of_its_type_is_refused_as_its_line_is() throws IOException {
            // given
            var options = new Importer.Options(
                    EventJson.ReadOptions.DEFAULT, false, null, SchemaValidationTest.SCHEMAS, BY_SOURCE_POSITION);
            NewEvent good = new NewEvent(
                    new UUID(3, 1),
                    "Placed",
                    new StreamId("Order", "o-1"),
                    2,
                    null,
                    JsonDoc.ofText("{\"total\":1}"),
                    null,
                    null);
            NewEvent bad = new NewEvent(
                    new UUID(3, 2),
                    "Placed",
                    new StreamId("Order", "o-1"),
                    2,
                    null,
                    JsonDoc.ofText("{\"total\":\"one\"}"),
                    null,
                    null);

            // when
            Outcome lines = asLines(List.of(good, bad), options);
            Outcome memory = inMemory(List.of(good, bad), options);

            // then
            assertThat(((InvalidInputException) lines.failure()).problems())
                    .containsExactly("event at source position 20: does not match the schema Placed v2:"
                            + " $.payload.total: string found, number expected");
            assertSame(lines, memory);
        }
    }

    @Nested
    class when_an_event_conflicts_with_one_stored {

        @Test
        void the_conflict_names_the_record_as_for_its_line() throws IOException {
            // given: one id twice, with other content
            NewEvent first = event(1, new UUID(9, 9), null, "{\"v\":1}", metadata(null));
            NewEvent second = event(1, new UUID(9, 9), null, "{\"v\":2}", metadata(null));
            var options = options(EventJson.ReadOptions.DEFAULT, false, null);

            // when
            Outcome lines = asLines(List.of(first, second), options);
            Outcome memory = inMemory(List.of(first, second), options);

            // then
            assertThat(lines.failure())
                    .isInstanceOf(ConflictException.class)
                    .hasMessageStartingWith("source event at source position 20: ");
            assertSame(lines, memory);
        }
    }
}
