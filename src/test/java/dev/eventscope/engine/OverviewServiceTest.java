package dev.eventscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.Json;
import dev.eventscope.store.DeadLetter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverviewServiceTest {

    static final String MODEL = String.join(
            "\n",
            "aggregates:",
            "  Order:",
            "    initial: {status: NEW}",
            "    reducers:",
            "      OrderPlaced: '$state | {\"status\": \"PLACED\", * : .}'",
            "projections:",
            "  orders:",
            "    key: id",
            "    columns: {id: TEXT, status: TEXT}",
            "    on:",
            "      OrderPlaced: {upsert: '{\"id\": .aggregateId, \"status\": \"PLACED\"}'}",
            "");

    @TempDir
    Path dir;

    static String placed(String id) {
        var o = Json.object();
        o.put("eventType", "OrderPlaced").put("aggregateType", "Order").put("aggregateId", id);
        o.putObject("payload");
        return Json.write(o);
    }

    static String other(String id) {
        var o = Json.object();
        o.put("eventType", "Noted").put("aggregateType", "Note").put("aggregateId", id);
        o.putObject("payload");
        return Json.write(o);
    }

    @Test
    void the_overview_counts_recent_events_and_how_far_each_projection_is_behind() {
        try (TestStore store = TestStore.in(dir, MODEL).append(placed("o-1"), other("n-1"), placed("o-2"))) {
            Instant now = Instant.now().plusSeconds(1);

            var before = store.engine().overview().overview(null, now);
            store.engine()
                    .processing()
                    .process(new ProcessService.ProcessOptions(
                            "orders", 100, false, java.time.Duration.ofMillis(100), null, null));
            store.append(placed("o-3"));
            var after = store.engine()
                    .overview()
                    .overview(before.stats(), Instant.now().plusSeconds(1));

            assertThat(before.head().position()).isEqualTo(3);
            assertThat(Arrays.stream(before.lastHour()).sum()).isEqualTo(3);
            assertThat(Arrays.stream(before.lastDay()).sum()).isEqualTo(3);
            assertThat(before.lastHour()).hasSize(60);
            assertThat(before.lastDay()).hasSize(1_440);
            assertThat(before.lastHour()[59]).isEqualTo(3);
            assertThat(before.processors()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("orders");
                assertThat(p.kind()).isEqualTo("projection");
                assertThat(p.checkpoint()).isZero();
                assertThat(p.updatedAt()).isNull();
                assertThat(p.behind()).isEqualTo(2);
            });
            assertThat(after.processors()).singleElement().satisfies(p -> {
                assertThat(p.checkpoint()).isEqualTo(3);
                assertThat(p.behind()).isEqualTo(1);
            });
            assertThat(after.letters()).containsEntry(DeadLetter.Status.PARKED, 0L);
            assertThat(after.modelProblem()).isNull();
            assertThat(store.engine().overview().headPosition()).isEqualTo(4);
        }
    }

    @Test
    void without_a_model_there_are_no_processors_and_no_problem() {
        try (TestStore store = TestStore.in(dir, null).append(other("n-1"))) {
            var o = store.engine().overview().overview(null, Instant.now());

            assertThat(o.processors()).isEmpty();
            assertThat(o.modelProblem()).isNull();
            assertThat(o.stats().section("totals").json().path("events").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void a_model_that_does_not_load_is_said_and_the_rest_is_still_there() {
        try (TestStore store = TestStore.in(dir, "aggregates: [not, a, map]\n").append(other("n-1"))) {
            var o = store.engine().overview().overview(null, Instant.now());

            assertThat(o.modelProblem()).isNotBlank();
            assertThat(o.head().events()).isEqualTo(1);
        }
    }
}
