package dev.eventscope.audit;

import static dev.eventscope.lint.LogStore.event;
import static dev.eventscope.lint.LogStore.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.lint.LogStore;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.EventStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    static final Model MODEL = ModelLoader.parse(
            "m.yaml",
            "aggregates:\n  Order:\n    initial: {status: NEW, items: []}\n    reducers:\n"
                    + "      OrderPlaced: '$state | {\"status\": \"PLACED\", \"items\": $event.payload.items, * : .}'\n"
                    + "      OrderPaid: '$state | {\"status\": \"PAID\", * : .}'\n"
                    + "      NoteAdded: '$state'\n",
            Path.of("."),
            List.of());

    @TempDir
    Path dir;

    EventStore store;

    @BeforeEach
    void given_a_store_with_two_orders_changed_by_two_users() {
        store = LogStore.of(
                dir,
                event("OrderPlaced", "o1", "2024-01-01T10:00:00Z", "{\"items\": [\"a\"]}", meta("ann", "r1", null)),
                event("OrderPlaced", "o2", "2024-01-01T11:00:00Z", "{\"items\": []}", meta("bob", "r2", null)),
                event("NoteAdded", "o1", "2024-01-02T10:00:00Z", "{\"note\": \"<b>hi</b>\"}", meta("bob", "r1", null)),
                event("OrderPaid", "o1", "2024-01-03T10:00:00Z", "{}", meta("ann", "r1", null)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AuditTrail trail(Model model) {
        EventSource source = new EventSource(
                store::read, model == null ? dev.eventscope.pipeline.EventTransform.IDENTITY : model.transform());
        return new AuditTrail(store, source, model == null ? null : new TimeMachine(store, model, source));
    }

    @Nested
    class when_auditing_one_aggregate {

        @Test
        void each_change_carries_who_when_and_the_patch_of_its_step() {
            // when
            Timeline t = trail(MODEL).ofAggregate("o1", null, null, null);

            // then
            assertThat(t.subject()).isEqualTo("Order/o1");
            assertThat(t.withState()).isTrue();
            assertThat(t.entries())
                    .extracting(e -> e.event().eventType())
                    .containsExactly("OrderPlaced", "NoteAdded", "OrderPaid");
            assertThat(t.entries()).extracting(e -> e.event().userId()).containsExactly("ann", "bob", "ann");
            assertThat(Json.write(t.entries().get(0).patch()))
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"PLACED\"},"
                            + "{\"op\":\"add\",\"path\":\"/items/0\",\"value\":\"a\"}]");
            assertThat(t.entries().get(1).patch()).isEmpty();
            assertThat(Json.write(t.entries().get(2).patch()))
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"PAID\"}]");
            assertThat(t.users()).containsExactly("ann", "bob");
        }

        @Test
        void applying_the_patches_in_turn_to_the_initial_state_gives_each_state_after() {
            Timeline t = trail(MODEL).ofAggregate("o1", "Order", null, null);

            var state = MODEL.aggregate("Order").initial();
            for (AuditEntry e : t.entries()) {
                assertThat(e.before()).isEqualTo(state);
                state = JsonPatch.apply(state, e.patch());
            }
            assertThat(Json.write(state)).isEqualTo("{\"status\":\"PAID\",\"items\":[\"a\"]}");
        }

        @Test
        void a_time_window_keeps_the_true_change_of_each_event_inside_it() {
            Timeline t = trail(MODEL).ofAggregate("o1", null, Instant.parse("2024-01-03T00:00:00Z"), null);

            assertThat(t.entries()).singleElement().satisfies(e -> {
                assertThat(e.event().eventType()).isEqualTo("OrderPaid");
                assertThat(e.before().path("status").asText()).isEqualTo("PLACED");
            });
        }

        @Test
        void without_a_model_entries_have_no_patch() {
            Timeline t = trail(null).ofAggregate("o1", null, null, null);

            assertThat(t.withState()).isFalse();
            assertThat(t.entries())
                    .hasSize(3)
                    .allSatisfy(e -> assertThat(e.patch()).isNull());
            assertThat(t.entries().get(0).json().get("patch").isNull()).isTrue();
        }

        @Test
        void an_unknown_aggregate_is_not_found() {
            assertThatThrownBy(() -> trail(MODEL).ofAggregate("o9", null, null, null))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("o9");
        }
    }

    @Nested
    class when_auditing_one_user {

        @Test
        void everything_the_user_did_across_aggregates_is_listed_in_position_order_with_patches() {
            Timeline t = trail(MODEL).ofUser("bob", null, null, null);

            assertThat(t.subject()).isEqualTo("user bob");
            assertThat(t.entries())
                    .extracting(e -> e.event().aggregateId() + ":" + e.event().eventType())
                    .containsExactly("o2:OrderPlaced", "o1:NoteAdded");
            assertThat(Json.write(t.entries().get(0).patch()))
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"PLACED\"}]");
        }

        @Test
        void a_user_without_events_is_not_found() {
            assertThatThrownBy(() -> trail(MODEL).ofUser("carl", null, null, null))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("no event by user carl");
        }

        @Test
        void the_json_shape_names_who_when_and_what() {
            AuditEntry e =
                    trail(MODEL).ofUser("ann", null, null, null).entries().get(0);

            assertThat(Json.write(e.json()))
                    .startsWith(
                            "{\"position\":1,\"aggregateType\":\"Order\",\"aggregateId\":\"o1\",\"streamVersion\":1,"
                                    + "\"eventType\":\"OrderPlaced\",\"eventId\":\"")
                    .contains("\"userId\":\"ann\",\"timestamp\":\"2024-01-01T10:00:00Z\",\"recordedAt\":\"")
                    .endsWith(
                            "\"patch\":[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"PLACED\"},"
                                    + "{\"op\":\"add\",\"path\":\"/items/0\",\"value\":\"a\"}],\"payload\":{\"items\":[\"a\"]}}");
        }
    }
}
