package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.AppendResult;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The SQLite store against a plain in-memory model of it: random sequences of appends (with every
 * kind of expected version, right and wrong, batches over several streams, a batch sent again, an
 * eventId reused with other content, a batch partly stored already) and then random cuts. After
 * every step the store's answer (stored, already stored, conflict) is the model's; at the end
 * every read — all, one stream, up to a position, as of a record time, by id, by position — is the
 * model's, and verify finds the hash chain intact.
 */
class StoreModelProperties {

    /** One step: what to do, to which stream, how many events, which expected version, which earlier batch. */
    record Op(int kind, int stream, int count, int expected, int pick) {}

    /** The model: what the store must hold. */
    static final class Model {
        final List<NewEvent> events = new ArrayList<>();
        final Map<StreamId, Long> versions = new HashMap<>();
        final List<List<NewEvent>> batches = new ArrayList<>();

        long version(StreamId s) {
            return versions.getOrDefault(s, 0L);
        }
    }

    @Property(tries = 60)
    void the_store_answers_every_append_and_every_cut_as_the_in_memory_model_does(
            @ForAll("histories") List<Op> ops, @ForAll("cuts") List<Integer> cuts) throws IOException {
        Path dir = Files.createTempDirectory("evs-model");
        try (SqliteEventStore store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("events.db")),
                StoreOptions.Access.WRITE,
                StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            Model model = new Model();
            int n = 0;
            for (Op op : ops) {
                n = step(store, model, op, n);
            }
            assertReadsMatch(store, model, cuts);
            assertThat(new dev.eventscope.verify.StoreVerifier(store)
                            .verify(false, null)
                            .ok())
                    .isTrue();
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static int step(SqliteEventStore store, Model model, Op op, int n) {
        StreamId stream = StreamId.of("S", "s-" + op.stream());
        if (op.kind() <= 5 || model.batches.isEmpty()) {
            // a new batch: one stream, or (with any) spread over two
            List<NewEvent> batch = new ArrayList<>();
            for (int i = 0; i < op.count(); i++) {
                StreamId s = op.kind() == 5 && i % 2 == 1 ? StreamId.of("S", "s-" + ((op.stream() + 1) % 4)) : stream;
                batch.add(newEvent(s, ++n, "{\"n\":" + n + "}"));
            }
            ExpectedVersion expected = op.kind() == 5 ? ExpectedVersion.ANY : expected(op, model.version(stream));
            boolean satisfied = expected.isSatisfiedBy(model.version(stream));
            if (satisfied) {
                AppendResult r = store.append(batch, expected);
                assertThat(r.alreadyStored()).isFalse();
                for (int i = 0; i < batch.size(); i++) {
                    NewEvent e = batch.get(i);
                    long v = model.version(e.stream()) + 1;
                    model.versions.put(e.stream(), v);
                    model.events.add(e);
                    assertThat(r.events().get(i).position()).isEqualTo(model.events.size());
                    assertThat(r.events().get(i).streamVersion()).isEqualTo(v);
                }
                model.batches.add(batch);
            } else {
                assertThatThrownBy(() -> store.append(batch, expected)).isInstanceOf(ConflictException.class);
            }
            return n;
        }
        List<NewEvent> earlier = model.batches.get(op.pick() % model.batches.size());
        if (op.kind() <= 7) {
            // the same batch again, with any expected version: already stored, nothing added
            StreamId s = earlier.get(0).stream();
            ExpectedVersion expected = earlier.stream().allMatch(e -> e.stream().equals(s))
                    ? expected(op, model.version(s))
                    : ExpectedVersion.ANY;
            AppendResult r = store.append(earlier, expected);
            assertThat(r.alreadyStored()).isTrue();
            assertThat(r.events())
                    .extracting(RecordedEvent::eventId)
                    .containsExactlyElementsOf(
                            earlier.stream().map(NewEvent::eventId).toList());
        } else if (op.kind() == 8) {
            // an eventId reused with other content
            NewEvent old = earlier.get(0);
            NewEvent changed = event("Happened")
                    .on("S", old.stream().aggregateId())
                    .id(old.eventId())
                    .at("2024-01-15T10:30:00Z")
                    .payload("{\"n\":-1}")
                    .build();
            assertThatThrownBy(() -> store.append(List.of(changed), ExpectedVersion.ANY))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("with different content");
        } else {
            // a batch partly stored already
            List<NewEvent> partly = new ArrayList<>(earlier);
            partly.add(newEvent(earlier.get(0).stream(), ++n, "{}"));
            assertThatThrownBy(() -> store.append(partly, ExpectedVersion.ANY))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("partly stored");
        }
        return n;
    }

    private static ExpectedVersion expected(Op op, long current) {
        switch (op.expected()) {
            case 0:
                return ExpectedVersion.ANY;
            case 1:
                return new ExpectedVersion.NoStream();
            case 2:
                return new ExpectedVersion.Exists();
            case 3:
                return current == 0 ? new ExpectedVersion.NoStream() : new ExpectedVersion.Exactly(current);
            default:
                return new ExpectedVersion.Exactly(current + 1 + op.pick() % 3);
        }
    }

    private static NewEvent newEvent(StreamId stream, int n, String payload) {
        return event("Happened")
                .on(stream.aggregateType(), stream.aggregateId())
                .id(new UUID(0x5eed, n))
                .at("2024-01-15T10:30:00Z")
                .payload(payload)
                .build();
    }

    private static void assertReadsMatch(SqliteEventStore store, Model model, List<Integer> cuts) {
        List<RecordedEvent> all = read(store, EventQuery.ALL);
        assertThat(all)
                .extracting(RecordedEvent::eventId)
                .containsExactlyElementsOf(
                        model.events.stream().map(NewEvent::eventId).toList());
        for (int i = 0; i < all.size(); i++) {
            RecordedEvent r = all.get(i);
            NewEvent e = model.events.get(i);
            assertThat(r.position()).isEqualTo(i + 1);
            assertThat(r.stream()).isEqualTo(e.stream());
            assertThat(r.payload().text()).isEqualTo(e.payload().text());
            assertThat(store.byId(e.eventId())).contains(r);
            assertThat(store.byPosition(i + 1)).contains(r);
            if (i > 0) {
                assertThat(r.recordedAt()).isAfterOrEqualTo(all.get(i - 1).recordedAt());
            }
        }
        assertThat(store.head().position()).isEqualTo(model.events.size());
        for (Map.Entry<StreamId, Long> s : model.versions.entrySet()) {
            assertThat(store.currentVersion(s.getKey())).isEqualTo(s.getValue());
            assertThat(read(store, EventQuery.stream(s.getKey())))
                    .extracting(RecordedEvent::streamVersion)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, s.getValue())
                            .boxed()
                            .toList());
        }
        for (int c : cuts) {
            long cut = model.events.isEmpty() ? 0 : c % (model.events.size() + 1);
            List<UUID> prefix = model.events.subList(0, (int) cut).stream()
                    .map(NewEvent::eventId)
                    .toList();
            assertThat(read(store, EventQuery.ALL.withPositions(null, cut)))
                    .extracting(RecordedEvent::eventId)
                    .containsExactlyElementsOf(prefix);
            StreamId s = StreamId.of("S", "s-" + c % 4);
            assertThat(read(store, EventQuery.stream(s).withPositions(null, cut)))
                    .extracting(RecordedEvent::eventId)
                    .containsExactlyElementsOf(model.events.subList(0, (int) cut).stream()
                            .filter(e -> e.stream().equals(s))
                            .map(NewEvent::eventId)
                            .toList());
            if (cut > 0) {
                // as of the record time of the event at the cut: every event recorded by then
                Instant asOf = all.get((int) cut - 1).recordedAt();
                assertThat(read(store, EventQuery.ALL.withAsOf(asOf)))
                        .extracting(RecordedEvent::eventId)
                        .containsExactlyElementsOf(all.stream()
                                .filter(e -> !e.recordedAt().isAfter(asOf))
                                .map(RecordedEvent::eventId)
                                .toList())
                        .containsAll(prefix);
                assertThat(store.lastPositionRecordedBy(asOf)).isGreaterThanOrEqualTo(cut);
            }
        }
    }

    private static List<RecordedEvent> read(SqliteEventStore store, EventQuery query) {
        try (Stream<RecordedEvent> s = store.read(query)) {
            return s.toList();
        }
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 1000))
                .as(Op::new)
                .list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(5);
    }
}
