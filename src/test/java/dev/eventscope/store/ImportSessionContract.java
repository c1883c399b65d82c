package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.error.StoreBusyException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.verify.StoreVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ImportSession}: an import into an empty store is one atomic transaction;
 * into a store that holds more than the import, every batch commits on its own. Either way events
 * stored already are skipped, conflicts are reported at their index, and nothing is half-written.
 * Every store runs it.
 */
public abstract class ImportSessionContract extends StoreContract {

    static NewEvent event(String aggregateId, int n) {
        return event(UUID.randomUUID(), aggregateId, n, null);
    }

    static NewEvent event(UUID id, String aggregateId, int n, Long streamVersion) {
        return new NewEvent(
                id,
                "Happened",
                new StreamId("Thing", aggregateId),
                1,
                Instant.parse("2024-01-15T10:30:00Z").plusSeconds(n),
                JsonDoc.ofText("{\"n\":" + n + "}"),
                JsonDoc.ofText("{\"correlationId\":\"c-" + (n / 3) + "\",\"userId\":\"u-1\"}"),
                streamVersion);
    }

    static List<NewEvent> events(int count, int streams) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event("t-" + (i % streams), i));
        }
        return events;
    }

    List<RecordedEvent> all(EventStore s) {
        try (Stream<RecordedEvent> events = s.read(EventQuery.ALL)) {
            return events.toList();
        }
    }

    /** 30 events in one atomic import, as three batches of 10 written a few milliseconds apart. */
    public static void importThreeBatchesApart(EventStore store) throws InterruptedException {
        try (ImportSession session = store.startImport(30)) {
            session.write(events(10, 3));
            Thread.sleep(5);
            session.write(events(10, 3));
            Thread.sleep(5);
            session.write(events(10, 3));
            session.commit();
        }
    }

    boolean verifies(EventStore s) {
        return new StoreVerifier(s).verify(true, null).ok();
    }

    @Nested
    class when_the_store_is_empty {

        @Test
        void the_import_is_one_transaction_that_commits_every_event() {
            // when
            int transactions;
            try (ImportSession session = store.startImport(100)) {
                assertThat(session.atomic()).isTrue();
                assertThat(session.write(events(60, 7)).imported()).isEqualTo(60);
                assertThat(session.write(events(40, 7)).imported()).isEqualTo(40);
                session.commit();
                transactions = session.transactions();
            }

            // then
            assertThat(transactions).isEqualTo(1);
            assertThat(store.integrity().schemaProblems()).isEmpty();
            assertThat(verifies(store)).isTrue();
            List<RecordedEvent> stored = all(store);
            assertThat(stored).hasSize(100);
            assertThat(stored.stream()
                            .filter(e -> e.aggregateId().equals("t-3"))
                            .map(RecordedEvent::streamVersion))
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
        }

        @Test
        void the_chain_and_the_record_time_run_on_across_batches() throws Exception {
            // when
            importThreeBatchesApart(store);

            // then: positions 1..30 in one chain, record time never going back
            List<RecordedEvent> stored = all(store);
            assertThat(stored)
                    .extracting(RecordedEvent::position)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 30).boxed().toList());
            assertThat(verifies(store)).isTrue();
            for (int i = 1; i < stored.size(); i++) {
                assertThat(stored.get(i).recordedAt())
                        .isAfterOrEqualTo(stored.get(i - 1).recordedAt());
            }
        }

        @Test
        void nothing_is_visible_to_another_connection_before_the_commit() {
            // given: a reader that waits for locks briefly
            EventStore reader = closeLater(underTest()
                    .stores()
                    .open(new StoreOptions(locator, StoreOptions.Access.READ, Duration.ofMillis(200))));
            try (ImportSession session = store.startImport(10)) {
                session.write(events(10, 2));

                // when: it sees no events, or (a store that holds the table while it loads) it is busy
                List<RecordedEvent> seen;
                try {
                    seen = all(reader);
                } catch (StoreBusyException busy) {
                    seen = List.of();
                }

                // then
                assertThat(seen).isEmpty();
                session.commit();
                assertThat(all(reader)).hasSize(10);
            }
        }

        @Test
        void closing_without_a_commit_leaves_the_store_as_it_was() {
            // when
            try (ImportSession session = store.startImport(50)) {
                session.write(events(50, 5));
            }

            // then
            assertThat(all(store)).isEmpty();
            assertThat(store.integrity().schemaProblems()).isEmpty();
        }

        @Test
        void a_conflict_rolls_back_the_whole_import_including_earlier_batches() {
            // given
            UUID id = UUID.randomUUID();
            List<NewEvent> second = new ArrayList<>(events(5, 2));
            second.add(event(id, "t-9", 1, null));
            second.add(event(id, "t-9", 2, null)); // same id, other content

            // when
            ImportBatchResult result;
            try (ImportSession session = store.startImport(20)) {
                session.write(events(10, 2));
                result = session.write(second);
            }

            // then
            assertThat(result.hasConflict()).isTrue();
            assertThat(result.conflictIndex()).isEqualTo(6);
            assertThat(result.conflict()).contains("eventId " + id).contains("payload");
            assertThat(all(store)).isEmpty();
            assertThat(store.integrity().schemaProblems()).isEmpty();
        }

        @Test
        void the_same_event_twice_in_one_import_is_stored_once() {
            // given
            NewEvent once = event("t-1", 1);

            // when
            ImportBatchResult result;
            try (ImportSession session = store.startImport(2)) {
                result = session.write(List.of(once, once));
                session.commit();
            }

            // then
            assertThat(result.imported()).isEqualTo(1);
            assertThat(result.skipped()).isEqualTo(1);
            assertThat(all(store)).hasSize(1);
        }
    }

    @Nested
    class when_the_store_holds_more_than_the_import {

        @BeforeEach
        void fill() {
            try (ImportSession session = store.startImport(50)) {
                session.write(events(50, 5));
                session.commit();
            }
        }

        @Test
        void every_batch_commits_on_its_own() {
            // when
            try (ImportSession session = store.startImport(20);
                    EventStore reader = underTest().open(locator, StoreOptions.Access.WRITE)) {
                assertThat(session.atomic()).isFalse();
                session.write(events(10, 5));

                // then: the first batch is visible before the import ends
                assertThat(all(reader)).hasSize(60);
                session.write(events(10, 5));
                session.commit();
                assertThat(session.transactions()).isEqualTo(2);
            }
            assertThat(store.integrity().schemaProblems()).isEmpty();
            assertThat(verifies(store)).isTrue();
        }

        @Test
        void stored_events_are_skipped_and_new_ones_after_them_are_appended() {
            // given: the first 50 again (as a resumed import sends them), then 5 new ones
            List<NewEvent> stored = all(store).stream()
                    .map(e -> new NewEvent(
                            e.eventId(),
                            e.eventType(),
                            e.stream(),
                            e.eventVersion(),
                            e.timestamp(),
                            e.payload(),
                            e.metadata(),
                            null))
                    .toList();
            List<NewEvent> batch = new ArrayList<>(stored.subList(0, 20));
            batch.addAll(events(5, 5));
            batch.addAll(stored.subList(20, 50));

            // when
            ImportBatchResult result;
            try (ImportSession session = store.startImport(batch.size())) {
                result = session.write(batch);
                session.commit();
            }

            // then
            assertThat(result.imported()).isEqualTo(5);
            assertThat(result.skipped()).isEqualTo(50);
            assertThat(all(store)).hasSize(55);
            assertThat(verifies(store)).isTrue();
        }

        @Test
        void an_export_imported_again_is_skipped_although_its_stream_versions_are_taken() {
            // given
            List<NewEvent> exported = all(store).stream()
                    .map(e -> new NewEvent(
                            e.eventId(),
                            e.eventType(),
                            e.stream(),
                            e.eventVersion(),
                            e.timestamp(),
                            e.payload(),
                            e.metadata(),
                            e.streamVersion()))
                    .toList();

            // when
            ImportBatchResult result = store.importBatch(exported.subList(0, 30));

            // then
            assertThat(result.hasConflict()).isFalse();
            assertThat(result.skipped()).isEqualTo(30);
        }

        @Test
        void a_stream_version_that_cannot_land_is_a_conflict_and_the_batch_is_not_written() {
            // given: t-0 is at version 10
            NewEvent late = event(UUID.randomUUID(), "t-0", 99, 5L);

            // when
            ImportBatchResult result = store.importBatch(List.of(event("t-1", 1), late));

            // then
            assertThat(result.hasConflict()).isTrue();
            assertThat(result.conflictIndex()).isEqualTo(1);
            assertThat(result.conflict()).contains("streamVersion 5").contains("the stream is at 10");
            assertThat(all(store)).hasSize(50);
        }

        @Test
        void versions_continue_correctly_when_another_writer_appends_between_batches() {
            // given
            try (ImportSession session = store.startImport(2);
                    EventStore other = underTest().open(locator, StoreOptions.Access.WRITE)) {
                session.write(List.of(event("t-0", 100)));

                // when: another connection appends to the same stream, then the import goes on
                other.append(List.of(event("t-0", 101)), ExpectedVersion.ANY);
                session.write(List.of(event("t-0", 102)));
                session.commit();
            }

            // then
            assertThat(all(store).stream()
                            .filter(e -> e.aggregateId().equals("t-0"))
                            .map(RecordedEvent::streamVersion))
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
            assertThat(verifies(store)).isTrue();
        }

        @Test
        void a_batch_that_conflicts_leaves_no_version_behind_for_the_next_one() {
            // given
            UUID id = UUID.randomUUID();
            try (ImportSession session = store.startImport(3)) {
                ImportBatchResult failed =
                        session.write(List.of(event("t-0", 200), event(id, "t-1", 1, null), event(id, "t-1", 2, null)));

                // when
                ImportBatchResult next = session.write(List.of(event("t-0", 201)));
                session.commit();

                // then
                assertThat(failed.hasConflict()).isTrue();
                assertThat(next.imported()).isEqualTo(1);
            }
            assertThat(all(store).stream()
                            .filter(e -> e.aggregateId().equals("t-0"))
                            .mapToLong(RecordedEvent::streamVersion)
                            .max())
                    .hasValue(11L);
        }
    }
}
