package dev.eventscope.lint;

import static dev.eventscope.lint.LogStore.event;
import static dev.eventscope.lint.LogStore.meta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.store.EventStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinterTest {

    @TempDir
    Path dir;

    private static final String M = meta("ann", "req-1", null);
    private static final String ID1 = "11111111-1111-4111-8111-111111111111";
    private static final String MISSING = "99999999-9999-4999-8999-999999999999";

    private Finding lint(Rule rule, Model model, String... lines) {
        try (EventStore store = LogStore.of(dir, lines)) {
            LintReport report =
                    new Linter(store, model).run(new LintSettings(Set.of(rule), 100, Duration.ofDays(1), 3));
            assertThat(report.skipped()).isEmpty();
            assertThat(report.findings()).hasSize(1);
            return report.findings().get(0);
        }
    }

    private static Model model(String yaml) {
        return ModelLoader.parse("m.yaml", yaml, Path.of("."), List.of());
    }

    @Nested
    class when_payloads_are_large {

        @Test
        void a_payload_above_the_threshold_is_reported_with_its_size() {
            // given a payload of more than 100 bytes
            String big = "{\"blob\": \"" + "x".repeat(120) + "\"}";

            // when
            Finding f = lint(Rule.LARGE_PAYLOAD, null, event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", big, M));

            // then
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples()).containsExactly("position 1 OrderPlaced of Order/o1: 131 bytes");
        }

        @Test
        void payloads_at_or_below_the_threshold_are_not() {
            Finding f =
                    lint(Rule.LARGE_PAYLOAD, null, event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{\"a\": 1}", M));

            assertThat(f.found()).isFalse();
        }
    }

    @Nested
    class when_events_lack_a_correlation_id {

        @Test
        void each_such_event_is_counted() {
            Finding f = lint(
                    Rule.MISSING_CORRELATION,
                    null,
                    event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", ""),
                    event("OrderPaid", "o1", "2024-01-01T00:01:00Z", "{}", M));

            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples()).containsExactly("position 1 OrderPlaced of Order/o1");
        }

        @Test
        void events_with_one_pass() {
            Finding f =
                    lint(Rule.MISSING_CORRELATION, null, event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M));

            assertThat(f.found()).isFalse();
        }
    }

    @Nested
    class when_causation_ids_point_nowhere {

        @Test
        void an_event_id_shaped_causation_that_no_event_has_is_an_error() {
            // given one link to a stored event, one to a missing one, one to a command id
            LintReport report;
            try (EventStore store = LogStore.of(
                    dir,
                    "{\"eventId\": \"" + ID1 + "\", "
                            + event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M)
                                    .substring(1),
                    event("OrderPaid", "o1", "2024-01-01T00:01:00Z", "{}", meta("ann", "req-1", ID1)),
                    event("OrderShipped", "o1", "2024-01-01T00:02:00Z", "{}", meta("ann", "req-1", MISSING)),
                    event("OrderPlaced", "o2", "2024-01-01T00:03:00Z", "{}", meta("ann", "req-2", "cmd-place-2")))) {
                // when
                report = new Linter(store, null)
                        .run(new LintSettings(Set.of(Rule.DANGLING_CAUSATION), 1, Duration.ZERO, 3));
            }

            // then
            Finding f = report.findings().get(0);
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples()).containsExactly("position 3 OrderShipped of Order/o1: causationId " + MISSING);
            assertThat(report.failed()).isTrue();
        }

        @Test
        void links_to_stored_events_and_command_ids_pass() {
            LintReport report;
            try (EventStore store = LogStore.of(
                    dir,
                    "{\"eventId\": \"" + ID1 + "\", "
                            + event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M)
                                    .substring(1),
                    event("OrderPaid", "o1", "2024-01-01T00:01:00Z", "{}", meta("ann", "req-1", ID1)),
                    event("OrderPlaced", "o2", "2024-01-01T00:03:00Z", "{}", meta("ann", "req-2", "cmd-place-2")))) {
                report = new Linter(store, null).run(LintSettings.defaults());
            }

            assertThat(report.findings().get(Rule.DANGLING_CAUSATION.ordinal()).found())
                    .isFalse();
            assertThat(report.failed()).isFalse();
        }
    }

    @Nested
    class when_timestamps_go_backwards_in_a_stream {

        @Test
        void the_event_earlier_than_its_predecessor_is_reported() {
            Finding f = lint(
                    Rule.TIME_BACKWARDS,
                    null,
                    event("OrderPlaced", "o1", "2024-01-02T00:00:00Z", "{}", M),
                    event("OrderPaid", "o1", "2024-01-01T00:00:00Z", "{}", M));

            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples())
                    .containsExactly(
                            "position 2 OrderPaid of Order/o1: the event before it is at 2024-01-02T00:00:00Z");
        }

        @Test
        void an_earlier_timestamp_in_another_stream_is_fine() {
            Finding f = lint(
                    Rule.TIME_BACKWARDS,
                    null,
                    event("OrderPlaced", "o1", "2024-01-02T00:00:00Z", "{}", M),
                    event("OrderPlaced", "o2", "2024-01-01T00:00:00Z", "{}", M));

            assertThat(f.found()).isFalse();
        }
    }

    @Nested
    class when_the_model_does_not_know_a_type {

        @Test
        void a_type_without_reducer_projection_or_handler_is_reported_once() {
            Model m = model("aggregates:\n  Order:\n    initial: {}\n    reducers:\n      OrderPlaced: '$state'\n");

            Finding f = lint(
                    Rule.UNKNOWN_TYPE,
                    m,
                    event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M),
                    event("OrderRefunded", "o1", "2024-01-01T00:01:00Z", "{}", M),
                    event("OrderRefunded", "o2", "2024-01-01T00:02:00Z", "{}", M));

            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples())
                    .containsExactly("Order/OrderRefunded: 2 events that no reducer, projection or handler takes");
        }

        @Test
        void a_fallback_reducer_knows_every_type_of_its_aggregate() {
            Model m = model("aggregates:\n  Order:\n    initial: {}\n    reducers:\n      \"*\": '$state'\n");

            Finding f = lint(Rule.UNKNOWN_TYPE, m, event("OrderRefunded", "o1", "2024-01-01T00:01:00Z", "{}", M));

            assertThat(f.found()).isFalse();
        }

        @Test
        void without_a_model_the_rule_is_skipped_with_the_reason() {
            try (EventStore store = LogStore.of(dir, event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M))) {
                LintReport report = new Linter(store, null).run(LintSettings.defaults());

                assertThat(report.skipped())
                        .containsOnlyKeys(Rule.UNKNOWN_TYPE, Rule.NO_UPCAST_PATH, Rule.SAGA_NEVER_ENDS);
                assertThat(report.skipped().get(Rule.UNKNOWN_TYPE)).startsWith("no model");
            }
        }
    }

    @Nested
    class when_stored_versions_cannot_be_upcast {

        private static final String V3 = "upcasters:\n"
                + "  - {type: OrderPlaced, from: 2, to: 3, transform: '. | {\"payload\": .payload | {\"c\": 1, *: .}, *: .}'}\n";

        @Test
        void a_version_below_the_first_step_is_an_error() {
            Finding f = lint(
                    Rule.NO_UPCAST_PATH,
                    model(V3),
                    event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M + ", \"eventVersion\": 1"));

            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples())
                    .containsExactly("OrderPlaced v1: 1 stored event; no upcaster from v1 (latest is v3)");
        }

        @Test
        void versions_with_a_path_and_the_latest_pass() {
            Finding f = lint(
                    Rule.NO_UPCAST_PATH,
                    model(V3),
                    event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M + ", \"eventVersion\": 2"),
                    event("OrderPlaced", "o2", "2024-01-01T00:00:00Z", "{}", M + ", \"eventVersion\": 3"));

            assertThat(f.found()).isFalse();
        }
    }

    @Nested
    class when_names_are_not_in_the_past_tense {

        @Test
        void commands_and_nouns_are_reported_with_the_reason() {
            Finding f = lint(
                    Rule.NOT_PAST_TENSE,
                    null,
                    event("UpdateOrder", "o1", "2024-01-01T00:00:00Z", "{}", M),
                    event("ConfirmationOfReceipt", "o1", "2024-01-01T00:01:00Z", "{}", M),
                    event("OrderUpdated", "o1", "2024-01-01T00:02:00Z", "{}", M));

            assertThat(f.count()).isEqualTo(2);
            assertThat(f.examples())
                    .containsExactly(
                            "ConfirmationOfReceipt: has no verb in the past tense",
                            "UpdateOrder: reads as a command (imperative 'update')");
        }

        @Test
        void regular_and_irregular_past_forms_pass() {
            Finding f = lint(
                    Rule.NOT_PAST_TENSE,
                    null,
                    event("OrderPlaced", "o1", "2024-01-01T00:00:00Z", "{}", M),
                    event("FineSent", "o1", "2024-01-01T00:01:00Z", "{}", M),
                    event("AppealSentToPrefecture", "o1", "2024-01-01T00:02:00Z", "{}", M));

            assertThat(f.found()).isFalse();
        }
    }

    @Nested
    class when_events_are_recorded_late {

        @Test
        void an_event_recorded_more_than_the_threshold_after_its_timestamp_is_reported() {
            Finding f = lint(Rule.RECORD_LAG, null, event("OrderPlaced", "o1", "2020-01-01T00:00:00Z", "{}", M));

            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples().get(0)).startsWith("position 1 OrderPlaced of Order/o1: recorded ");
        }

        @Test
        void an_event_recorded_right_away_is_not() {
            Finding f = lint(
                    Rule.RECORD_LAG,
                    null,
                    "{\"eventType\": \"OrderPlaced\", \"aggregateType\": \"Order\","
                            + " \"aggregateId\": \"o1\", \"payload\": {}, " + M + "}");

            assertThat(f.found()).isFalse();
        }
    }

    @Nested
    class when_a_payload_repeats_in_a_row {

        @Test
        void the_second_of_two_equal_events_in_a_row_is_reported() {
            Finding f = lint(
                    Rule.REPEATED_PAYLOAD,
                    null,
                    event("ItemAdded", "o1", "2024-01-01T00:00:00Z", "{\"sku\": \"A\"}", M),
                    event("ItemAdded", "o1", "2024-01-01T00:00:01Z", "{\"sku\": \"A\"}", M));

            assertThat(f.count()).isEqualTo(1);
            assertThat(f.examples())
                    .containsExactly("position 2 ItemAdded of Order/o1: same as the event at position 1");
        }

        @Test
        void equal_payloads_with_another_event_between_or_in_other_streams_pass() {
            Finding f = lint(
                    Rule.REPEATED_PAYLOAD,
                    null,
                    event("ItemAdded", "o1", "2024-01-01T00:00:00Z", "{\"sku\": \"A\"}", M),
                    event("ItemAdded", "o2", "2024-01-01T00:00:01Z", "{\"sku\": \"A\"}", M),
                    event("ItemRemoved", "o1", "2024-01-01T00:00:02Z", "{\"sku\": \"A\"}", M),
                    event("ItemAdded", "o1", "2024-01-01T00:00:03Z", "{\"sku\": \"A\"}", M));

            assertThat(f.found()).isFalse();
        }
    }
}
