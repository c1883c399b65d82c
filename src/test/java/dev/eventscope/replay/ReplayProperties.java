package dev.eventscope.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ReplayProperties {

    static final Model MODEL = ModelLoader.parse(
            "test.yaml",
            "aggregates:\n"
                    + "  Acc:\n"
                    + "    initial: {total: 0, log: []}\n"
                    + "    reducers:\n"
                    + "      Add: '$state | {\"total\": .total + $event.payload.n, \"log\": .log + [$event.payload.n], * : .}'\n"
                    + "      Reset: '$state | {\"total\": 0, * : .}'\n",
            Path.of("."),
            List.of());

    /** One generated event: which aggregate, which type, its amount and its timestamp (minutes). */
    record Gen(int aggregate, boolean reset, int n, int minute) {}

    @Provide
    Arbitrary<List<Gen>> histories() {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(-5, 20),
                        Arbitraries.integers().between(0, 60))
                .as((a, r, n, m) -> new Gen(a, r == 0, n, m))
                .list()
                .ofMaxSize(30);
    }

    static MemoryStore store(List<Gen> history) {
        MemoryStore store = new MemoryStore();
        for (Gen g : history) {
            store.add(
                    "Acc",
                    "a" + g.aggregate(),
                    g.reset() ? "Reset" : "Add",
                    Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * g.minute()),
                    "{\"n\":" + g.n() + "}");
        }
        return store;
    }

    static Map<StreamId, JsonNode> fold(List<RecordedEvent> events) {
        AggregateModel acc = MODEL.aggregate("Acc");
        Folder folder = new Folder(acc);
        Map<StreamId, Folded> states = new LinkedHashMap<>();
        for (RecordedEvent e : events) {
            states.put(e.stream(), folder.apply(states.getOrDefault(e.stream(), folder.start()), e));
        }
        Map<StreamId, JsonNode> out = new LinkedHashMap<>();
        states.forEach((k, v) -> out.put(k, v.state()));
        return out;
    }

    @Property(tries = 200)
    void replay_to_position_p_equals_folding_the_first_p_events(
            @ForAll("histories") List<Gen> history, @ForAll @IntRange(min = 0, max = 32) int p) {
        // given
        MemoryStore store = store(history);
        TimeMachine machine = new TimeMachine(store, MODEL, store.source());

        // when
        Map<StreamId, JsonNode> replayed = new LinkedHashMap<>();
        new Replayer(machine).replay(null, new Cut.UpToPosition(p), s -> replayed.put(s.stream(), s.state()));

        // then
        List<RecordedEvent> firstP = store.events.subList(0, Math.min(p, store.events.size()));
        assertThat(replayed).isEqualTo(fold(firstP));
    }

    @Property(tries = 200)
    void state_at_a_time_equals_the_fold_of_exactly_the_events_with_a_timestamp_at_or_before_it(
            @ForAll("histories") List<Gen> history, @ForAll @IntRange(min = -1, max = 61) int minute) {
        // given
        MemoryStore store = store(history);
        TimeMachine machine = new TimeMachine(store, MODEL, store.source());
        Instant t = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60L * minute);

        for (int a = 0; a < 4; a++) {
            StreamId stream = new StreamId("Acc", "a" + a);
            if (store.currentVersion(stream) == 0) {
                continue;
            }
            // when
            AggregateState state = machine.state(stream.aggregateId(), "Acc", new Cut.At(t, Cut.LATEST), false);

            // then
            List<RecordedEvent> expected = new ArrayList<>();
            boolean skipped = false;
            boolean outOfOrder = false;
            for (RecordedEvent e : store.events) {
                if (!e.stream().equals(stream)) {
                    continue;
                }
                if (e.timestamp().isAfter(t)) {
                    skipped = true;
                } else {
                    expected.add(e);
                    outOfOrder |= skipped;
                }
            }
            JsonNode want =
                    fold(expected).getOrDefault(stream, MODEL.aggregate("Acc").initial());
            assertThat(state.state()).isEqualTo(want);
            assertThat(state.outOfOrder()).isEqualTo(outOfOrder);
            assertThat(state.folded().applied()).isEqualTo(expected.size());
        }
    }

    @Provide
    Arbitrary<Cut> cuts() {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        return Arbitraries.oneOf(
                Arbitraries.just(Cut.LATEST),
                Arbitraries.integers().between(0, 32).map(p -> (Cut) new Cut.UpToPosition(p)),
                Arbitraries.integers().between(0, 40).map(s -> (Cut) new Cut.AsOf(Instant.ofEpochSecond(s))),
                Arbitraries.integers().between(0, 60).map(m -> (Cut) new Cut.At(base.plusSeconds(60L * m), Cut.LATEST)),
                Arbitraries.integers().between(0, 3).map(v -> (Cut) new Cut.Version(v)));
    }

    @Property(tries = 200)
    void whatif_with_no_edits_equals_state(@ForAll("histories") List<Gen> history, @ForAll("cuts") Cut cut) {
        // given
        MemoryStore store = store(history);
        TimeMachine machine = new TimeMachine(store, MODEL, store.source());
        for (int a = 0; a < 4; a++) {
            String id = "a" + a;
            if (store.currentVersion(new StreamId("Acc", id)) == 0
                    || cut instanceof Cut.Version v && v.version() > store.currentVersion(new StreamId("Acc", id))) {
                continue;
            }
            // when
            AggregateState state = machine.state(id, "Acc", cut, false);
            WhatIf.Result whatIf = new WhatIf(machine, EventJson.ReadOptions.DEFAULT).whatIf(id, "Acc", cut, List.of());

            // then
            assertThat(whatIf.hypothetical().state()).isEqualTo(state.state());
            assertThat(whatIf.real().state()).isEqualTo(state.state());
            assertThat(whatIf.hypothetical().version()).isEqualTo(state.version());
            assertThat(whatIf.patch()).isEmpty();
        }
    }
}
