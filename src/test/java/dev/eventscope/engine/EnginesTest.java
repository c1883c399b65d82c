package dev.eventscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine API without the CLI, and its threading rule: one engine per thread, opened from shared Engines. */
class EnginesTest {

    static final String MODEL = String.join(
            "\n",
            "aggregates:",
            "  Account:",
            "    initial: {balance: 0}",
            "    reducers:",
            "      Deposited: '$state | {\"balance\": .balance + $event.payload.amount, * : .}'",
            "");

    @TempDir
    Path dir;

    Engines engines;

    @BeforeEach
    void a_store_of_deposits_to_three_accounts() throws Exception {
        Path model = Files.writeString(dir.resolve("model.yaml"), MODEL);
        engines = new Engines(new Workspace.Settings(
                StoreLocator.file(dir.resolve("events.db")),
                model,
                null,
                StoreOptions.DEFAULT_BUSY_TIMEOUT,
                EventJson.DEFAULT_MAX_PAYLOAD));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 90; i++) {
            lines.append("{\"eventType\":\"Deposited\",\"aggregateType\":\"Account\",\"aggregateId\":\"a-")
                    .append(i % 3)
                    .append("\",\"timestamp\":\"2024-01-01T00:00:00Z\",\"payload\":{\"amount\":")
                    .append(i)
                    .append("}}\n");
        }
        Path events = Files.writeString(dir.resolve("events.ndjson"), lines.toString());
        try (Engine engine = engines.open()) {
            engine.events()
                    .importEvents(new EventService.ImportOptions(
                            new EventService.ImportSource.File(events, "events.ndjson"),
                            false,
                            null,
                            true,
                            EventJson.DEFAULT_MAX_PAYLOAD,
                            null));
        }
    }

    static String balance(Engine engine, String id) {
        AggregateState s = engine.folds()
                .state(new FoldService.StateOptions(id, null, CutSpec.LATEST, false, false, SnapshotUse.NONE))
                .state();
        return id + "=" + s.state().get("balance") + "@" + s.version();
    }

    @Nested
    class when_one_engine_serves_one_caller {

        @Test
        void an_append_and_a_listing_need_no_command_line() throws Exception {
            try (Engine engine = engines.open()) {
                // when
                String json = "{\"eventType\":\"Deposited\",\"aggregateType\":\"Account\",\"aggregateId\":\"a-1\","
                        + "\"payload\":{\"amount\":5}}";
                var event = engine.events().read(Json.mapper().readTree(json), EventJson.DEFAULT_MAX_PAYLOAD);
                var appended = engine.events()
                        .append(new EventService.AppendOptions(List.of(event), new ExpectedVersion.Exactly(30), true));
                List<RecordedEvent> listed = new ArrayList<>();
                engine.events()
                        .listing(new EventService.ListOptions(
                                new EventFilter(
                                        "Account", "a-1", List.of(), null, null, null, null, null, null, null, null,
                                        null, true),
                                null,
                                false,
                                null))
                        .run(e -> listed.add(e) && listed.size() < 2, () -> false);

                // then
                assertThat(appended.events())
                        .singleElement()
                        .satisfies(e -> assertThat(e.streamVersion()).isEqualTo(31));
                assertThat(listed).extracting(RecordedEvent::streamVersion).containsExactly(31L, 30L);
                assertThat(balance(engine, "a-1"))
                        .isEqualTo("a-1="
                                + (5
                                        + java.util.stream.IntStream.rangeClosed(1, 90)
                                                .filter(i -> i % 3 == 1)
                                                .sum())
                                + "@31");
            }
        }
    }

    @Nested
    class when_threads_share_the_engines {

        @Test
        void each_thread_with_an_engine_of_its_own_gets_the_answers_one_thread_gets() throws Exception {
            // given: the answers of one engine on this thread
            List<String> expected = new ArrayList<>();
            try (Engine engine = engines.open()) {
                for (String id : List.of("a-0", "a-1", "a-2")) {
                    expected.add(balance(engine, id));
                }
            }

            // when: four threads at once, each opening and closing engines as a server's requests would
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<List<String>>> answers = new ArrayList<>();
            try {
                for (int t = 0; t < 4; t++) {
                    answers.add(pool.submit((Callable<List<String>>) () -> {
                        List<String> got = new ArrayList<>();
                        for (int round = 0; round < 10; round++) {
                            try (Engine engine = engines.open()) {
                                List<String> one = new ArrayList<>();
                                for (String id : List.of("a-0", "a-1", "a-2")) {
                                    one.add(balance(engine, id));
                                }
                                long[] count = {0};
                                engine.events()
                                        .listing(new EventService.ListOptions(EventFilter.ALL, null, false, null))
                                        .run(e -> ++count[0] > 0, () -> false);
                                one.add("events=" + count[0]);
                                if (got.isEmpty()) {
                                    got.addAll(one);
                                } else {
                                    assertThat(one).isEqualTo(got);
                                }
                            }
                        }
                        return got;
                    }));
                }
                // then
                List<String> withCount = new ArrayList<>(expected);
                withCount.add("events=90");
                for (Future<List<String>> f : answers) {
                    assertThat(f.get()).isEqualTo(withCount);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
