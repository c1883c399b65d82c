package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.verify.StoreVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link StoreCopy} (what {@code upcast migrate} writes into): new positions in the
 * order events come, with the ids, streams, versions and times they are given, a fresh hash chain,
 * and a record of where each source event went. Every store runs it.
 */
public abstract class StoreCopyContract extends StoreContract {

    @Test
    void a_finished_copy_is_a_store_with_the_events_at_new_positions_and_a_fresh_chain() {
        // given: the source has positions 1-3; the copy leaves out 2 and splits 3
        List<RecordedEvent> source = append(
                event("A").on("Order", "o-1").at("2024-01-01T00:00:00Z").build(),
                event("Noise").on("Order", "o-1").build(),
                event("B").on("Order", "o-2").payload("{\"x\":1}").build());
        StoreLocator target = underTest().newLocator();

        // when
        List<RecordedEvent> added = new ArrayList<>();
        StoreHead head;
        try (StoreCopy copy = underTest().stores().createCopy(target)) {
            added.add(copy.add(source.get(0), 1, 0));
            copy.dropped(2);
            added.add(copy.add(source.get(2), 3, 0));
            RecordedEvent b = source.get(2);
            RecordedEvent split = new RecordedEvent(
                    b.position(),
                    java.util.UUID.randomUUID(),
                    "C",
                    b.stream(),
                    b.streamVersion() + 1,
                    2,
                    b.timestamp(),
                    b.recordedAt(),
                    JsonDoc.ofText("{\"x\":2}"),
                    b.metadata(),
                    b.correlationId(),
                    b.causationId(),
                    b.userId(),
                    null);
            added.add(copy.add(split, 3, 1));
            copy.info("migrated_from", "test");
            head = copy.head();
            copy.finish();
        }

        // then
        EventStore copied = closeLater(underTest().open(target, StoreOptions.Access.READ));
        List<RecordedEvent> events = read(copied, EventQuery.ALL);
        assertThat(events).isEqualTo(added);
        assertThat(positions(events)).containsExactly(1L, 2L, 3L);
        assertThat(events.get(0).eventId()).isEqualTo(source.get(0).eventId());
        assertThat(events.get(0).timestamp()).isEqualTo(source.get(0).timestamp());
        assertThat(events.get(0).recordedAt()).isEqualTo(source.get(0).recordedAt());
        assertThat(events.get(1).streamVersion()).isEqualTo(source.get(2).streamVersion());
        assertThat(head).isEqualTo(new StoreHead(3, events.get(2).hash(), 3));
        assertThat(copied.head()).isEqualTo(head);
        assertThat(new StoreVerifier(copied).verify(true, null).ok()).isTrue();
        try (QueryResult r = copied.requireReadModelQuery()
                .query("select old_position, part, new_position from migration_positions"
                        + " order by old_position, part")) {
            assertThat(r.rows().map(Object::toString))
                    .containsExactly("[1, 0, 1]", "[2, 0, null]", "[3, 0, 2]", "[3, 1, 3]");
        }
        try (QueryResult r =
                copied.requireReadModelQuery().query("select value from store_info where key = 'migrated_from'")) {
            assertThat(r.rows().toList()).containsExactly(List.of("test"));
        }
    }

    @Test
    void a_long_copy_with_drops_and_splits_keeps_every_event_and_every_map_row_in_order() {
        // given: more events than a store writes in one statement, drops and splits among them
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            events.add(event(i % 3 == 0 ? "A" : "B")
                    .on("Order", "o-" + (i % 17))
                    .payload("{\"i\":" + i + "}")
                    .build());
        }
        List<RecordedEvent> source = append(events.toArray(new NewEvent[0]));
        StoreLocator target = underTest().newLocator();

        // when: every 7th is dropped, every 11th gets a second part in a stream of its own
        List<RecordedEvent> added = new ArrayList<>();
        List<String> expectedMap = new ArrayList<>();
        try (StoreCopy copy = underTest().stores().createCopy(target)) {
            for (RecordedEvent e : source) {
                long p = e.position();
                if (p % 7 == 0) {
                    copy.dropped(p);
                    expectedMap.add("[" + p + ", 0, null]");
                    continue;
                }
                RecordedEvent stored = copy.add(e, p, 0);
                added.add(stored);
                expectedMap.add("[" + p + ", 0, " + stored.position() + "]");
                if (p % 11 == 0) {
                    RecordedEvent part = new RecordedEvent(
                            p,
                            java.util.UUID.randomUUID(),
                            "Split",
                            new StreamId("Split", "s-" + p),
                            1,
                            1,
                            e.timestamp(),
                            e.recordedAt(),
                            JsonDoc.ofText("{\"of\":" + p + "}"),
                            e.metadata(),
                            e.correlationId(),
                            e.causationId(),
                            e.userId(),
                            null);
                    RecordedEvent second = copy.add(part, p, 1);
                    added.add(second);
                    expectedMap.add("[" + p + ", 1, " + second.position() + "]");
                }
            }
            copy.finish();
        }

        // then
        EventStore copied = closeLater(underTest().open(target, StoreOptions.Access.READ));
        assertThat(read(copied, EventQuery.ALL)).isEqualTo(added);
        assertThat(copied.head().events()).isEqualTo(added.size());
        assertThat(new StoreVerifier(copied).verify(true, null).problems()).isEmpty();
        try (QueryResult r = copied.requireReadModelQuery()
                .query("select old_position, part, new_position from migration_positions"
                        + " order by old_position, part")) {
            assertThat(r.rows().map(Object::toString)).containsExactlyElementsOf(expectedMap);
        }
    }

    @Test
    void what_runs_alongside_the_finish_reads_every_event_and_its_failure_is_thrown() {
        // given
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event("A").on("Order", "o-" + (i % 9)).build());
        }
        List<RecordedEvent> source = append(events.toArray(new NewEvent[0]));
        StoreLocator target = underTest().newLocator();
        List<RecordedEvent> added = new ArrayList<>();
        List<RecordedEvent> seen = new ArrayList<>();

        // when: a reader of its own walks the copy while it finishes
        try (StoreCopy copy = underTest().stores().createCopy(target)) {
            for (RecordedEvent e : source) {
                added.add(copy.add(e, e.position(), 0));
            }
            copy.finish(() -> {
                try (EventStore reader = underTest().open(target, StoreOptions.Access.READ)) {
                    seen.addAll(read(reader, EventQuery.ALL));
                }
            });
        }

        // then: it saw every event; the finished store is whole
        assertThat(seen).isEqualTo(added);
        EventStore copied = closeLater(underTest().open(target, StoreOptions.Access.READ));
        assertThat(new StoreVerifier(copied).verify(true, null).problems()).isEmpty();

        // and: a failure beside the finish is the finish's failure
        StoreLocator second = underTest().newLocator();
        assertThatThrownBy(() -> {
                    try (StoreCopy copy = underTest().stores().createCopy(second)) {
                        copy.add(source.get(0), 1, 0);
                        copy.finish(() -> {
                            throw new IllegalStateException("the walk failed");
                        });
                    }
                })
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the walk failed");
    }

    @Test
    void an_event_the_copy_cannot_take_fails_it_by_its_finish_at_the_latest() {
        // given: two events with one eventId (as an upcaster that splits carelessly might make)
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add(event("A").on("Order", "o-" + i).build());
        }
        List<RecordedEvent> source = append(events.toArray(new NewEvent[0]));
        StoreLocator target = underTest().newLocator();
        RecordedEvent twin = source.get(40);

        // when / then
        assertThatThrownBy(() -> {
                    try (StoreCopy copy = underTest().stores().createCopy(target)) {
                        for (RecordedEvent e : source.subList(0, 60)) {
                            copy.add(e, e.position(), 0);
                        }
                        copy.add(
                                new RecordedEvent(
                                        60,
                                        twin.eventId(),
                                        "A",
                                        new StreamId("Order", "o-twin"),
                                        1,
                                        1,
                                        twin.timestamp(),
                                        twin.recordedAt(),
                                        twin.payload(),
                                        twin.metadata(),
                                        null,
                                        null,
                                        null,
                                        null),
                                60,
                                1);
                        for (RecordedEvent e : source.subList(60, 100)) {
                            copy.add(e, e.position(), 0);
                        }
                        copy.finish();
                    }
                })
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("event_id");
    }

    @Test
    void a_copy_is_never_written_over_an_existing_store() {
        assertThatThrownBy(() -> underTest().stores().createCopy(locator)).isInstanceOf(StoreIoException.class);
        assertThat(store.head()).isEqualTo(StoreHead.EMPTY);
    }
}
