package dev.eventscope.model;

import static dev.eventscope.model.Upcasts.load;
import static dev.eventscope.model.Upcasts.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.RecordedEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpcasterChainTest {

    static final String V1_TO_V3 = "upcasters:\n"
            + "  - {type: Placed, from: 1, to: 2, transform: '{\"payload\": {\"total\": .payload.amount}}'}\n"
            + "  - {type: Placed, from: 2, to: 3, transform: '{\"payload\": {\"total\": .payload.total,"
            + " \"currency\": \"EUR\"}}'}\n";

    @Nested
    class when_reading_events {

        @Test
        void an_old_event_is_taken_step_by_step_to_the_latest_version() {
            // given
            Model m = load(V1_TO_V3);

            // when
            List<RecordedEvent> out = m.transform().apply(stored("Placed", 1, "{\"amount\":5}"));

            // then
            assertThat(out).hasSize(1);
            RecordedEvent e = out.get(0);
            assertThat(e.eventVersion()).isEqualTo(3);
            assertThat(e.payload().text()).isEqualTo("{\"total\":5,\"currency\":\"EUR\"}");
            RecordedEvent s = stored("Placed", 1, "{}");
            assertThat(List.of(e.eventId(), e.stream(), e.position(), e.streamVersion(), e.timestamp(), e.recordedAt()))
                    .isEqualTo(List.of(
                            s.eventId(), s.stream(), s.position(), s.streamVersion(), s.timestamp(), s.recordedAt()));
            assertThat(e.metadata()).isEqualTo(s.metadata());
        }

        @Test
        void an_event_at_the_latest_version_or_of_another_type_is_read_as_stored() {
            // given
            Model m = load(V1_TO_V3);
            RecordedEvent latest = stored("Placed", 3, "{\"total\":1}");
            RecordedEvent other = stored("Shipped", 1, "{}");

            // then
            assertThat(m.transform().apply(latest)).containsExactly(latest);
            assertThat(m.transform().apply(other)).containsExactly(other);
            assertThat(m.upcasters().latest("Placed")).hasValue(3);
            assertThat(m.upcasters().latest("Shipped")).isEmpty();
        }

        @Test
        void a_renamed_event_continues_with_the_steps_of_its_new_type() {
            // given
            Model m = load(V1_TO_V3
                    + "  - {type: Created, from: 1, to: 2, renameTo: Placed, transform: '{\"eventType\": \"Placed\","
                    + " \"payload\": {\"total\": .payload.sum}}'}\n");

            // when
            List<RecordedEvent> out = m.transform().apply(stored("Created", 1, "{\"sum\":9}"));

            // then
            assertThat(out).singleElement().satisfies(e -> {
                assertThat(e.eventType()).isEqualTo("Placed");
                assertThat(e.eventVersion()).isEqualTo(3);
                assertThat(e.payload().text()).isEqualTo("{\"total\":9,\"currency\":\"EUR\"}");
            });
            assertThat(m.transform().storedTypesFor(Set.of("Placed"))).containsExactlyInAnyOrder("Placed", "Created");
        }

        @Test
        void a_split_keeps_the_eventId_on_its_first_event_and_derives_stable_distinct_ids_for_the_others() {
            // given
            String yaml = "upcasters:\n  - {type: Both, from: 1, to: 2, renameTo: [A, B], transform: '[{\"eventType\":"
                    + " \"A\"}, {\"eventType\": \"B\"}, {\"eventType\": \"B\", \"payload\": {\"n\": 2}}]'}\n";
            RecordedEvent s = stored("Both", 1, "{\"n\":1}");

            // when
            List<RecordedEvent> out = load(yaml).transform().apply(s);
            List<RecordedEvent> again = load(yaml).transform().apply(s);

            // then
            assertThat(out).extracting(RecordedEvent::eventType).containsExactly("A", "B", "B");
            assertThat(out.get(0).eventId()).isEqualTo(s.eventId());
            assertThat(out).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
            assertThat(out.get(1).eventId().version()).isEqualTo(8);
            assertThat(again)
                    .extracting(RecordedEvent::eventId)
                    .isEqualTo(out.stream().map(RecordedEvent::eventId).toList());
            assertThat(out).allSatisfy(e -> {
                assertThat(e.position()).isEqualTo(s.position());
                assertThat(e.streamVersion()).isEqualTo(s.streamVersion());
                assertThat(e.eventVersion()).isEqualTo(2);
            });
            assertThat(out.get(1).payload().text()).isEqualTo("{\"n\":1}");
            assertThat(out.get(2).payload().text()).isEqualTo("{\"n\":2}");
        }

        @Test
        void an_empty_list_drops_the_event() {
            // given
            Model m = load("upcasters:\n  - {type: Noise, from: 1, to: 2, transform: '[]'}\n");

            // then
            assertThat(m.transform().apply(stored("Noise", 1, "{}"))).isEmpty();
        }

        @Test
        void an_upcaster_may_repeat_what_it_cannot_change() {
            // given
            Model m =
                    load("upcasters:\n  - {type: A, from: 1, to: 2, transform: '{\"payload\": {\"x\": 1}, * : .}'}\n");

            // when
            RecordedEvent e = m.transform().apply(stored("A", 1, "{}")).get(0);

            // then
            assertThat(e.eventVersion()).isEqualTo(2);
            assertThat(e.payload().text()).isEqualTo("{\"x\":1}");
        }
    }

    @Nested
    class when_an_upcaster_breaks_the_rules_on_an_event {

        static final String BY_PAYLOAD =
                "upcasters:\n  - {type: A, from: 1, to: 2, transform: 'if (.payload.bad)" + " {\"%s\": %s} else {}'}\n";

        @Test
        void changing_an_identifier_is_an_error_naming_the_upcaster_and_the_event() {
            // given
            Model m = load(String.format(BY_PAYLOAD, "aggregateId", "\"o-2\""));

            // when / then
            assertThatThrownBy(() -> m.transform().apply(stored("A", 1, "{\"bad\":true}")))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("upcaster A v1->v2 failed on the event at position 7 (Order/o-1 v3, A v1)");
                        assertThat(e.problems())
                                .singleElement()
                                .asString()
                                .startsWith("m.yaml:2:5: changes aggregateId from \"o-1\" to \"o-2\": identifiers,"
                                        + " the stream, times and positions cannot be changed by an upcaster");
                    });
        }

        @Test
        void changing_a_time_a_position_or_an_indexed_metadata_value_is_an_error() {
            for (String[] change : new String[][] {
                {"timestamp", "\"2024-01-15T10:30:00.001Z\""},
                {"position", "8"},
                {"streamVersion", "4"},
                {"recordedAt", "\"2020-01-01T00:00:00Z\""},
                {"metadata", "{\"correlationId\": \"c-2\", \"userId\": \"u-1\"}"},
                {"metadata", "{}"}
            }) {
                Model m = load(String.format(BY_PAYLOAD, change[0], change[1]));
                assertThatThrownBy(() -> m.upcasters().upcast(stored("A", 1, "{\"bad\":true}")))
                        .as(change[0] + " " + change[1])
                        .isInstanceOfSatisfying(UpcastFailure.class, f -> {
                            assertThat(f.upcaster().name()).isEqualTo("A v1->v2");
                            assertThat(f.getMessage()).contains("cannot be changed by an upcaster");
                        });
            }
        }

        @Test
        void the_same_time_written_another_way_is_no_change() {
            // given
            Model m = load(String.format(BY_PAYLOAD, "timestamp", "\"2024-01-15T11:30:00+01:00\""));

            // then
            assertThat(m.transform().apply(stored("A", 1, "{\"bad\":true}"))).hasSize(1);
        }

        @Test
        void a_result_that_is_not_an_event_or_a_wrong_version_is_an_error() {
            for (String[] bad : new String[][] {
                {"eventVersion", "3", "returned eventVersion 3; this upcaster produces version 2"},
                {"eventVersion", "\"2\"", "returned eventVersion \"2\"; this upcaster produces version 2"},
                {"payload", "[1]", "returned a payload that is an array, not an object"},
                {"colour", "1", "returned an unknown field 'colour'"},
                {"eventType", "\"B\"", "returned eventType 'B', which it does not declare; add renameTo: B"}
            }) {
                Model m = load(String.format(BY_PAYLOAD, bad[0], bad[1]));
                assertThatThrownBy(() -> m.upcasters().upcast(stored("A", 1, "{\"bad\":true}")))
                        .as(bad[0])
                        .hasMessageStartingWith(bad[2]);
            }
        }
    }

    @Nested
    class when_the_model_does_not_load {

        private String problems(String yaml) {
            try {
                load(yaml);
            } catch (InvalidInputException e) {
                return String.join("\n", e.problems());
            }
            throw new AssertionError("the model loaded");
        }

        @Test
        void a_missing_step_between_two_versions_is_a_gap_located_after_it() {
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 2, transform: '{}'}\n"
                            + "  - {type: A, from: 3, to: 4, transform: '{}'}\n"))
                    .isEqualTo("m.yaml:3:5: A has versions v1, v2, v3, v4 but no upcaster from v2 to v3 (add {type: A,"
                            + " from: 2, to: 3, transform: '...'})");
        }

        @Test
        void a_schema_version_the_steps_do_not_reach_is_a_gap() {
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 2, transform: '{}'}\n"
                            + "schemas:\n  A:\n    3: {type: object}\n"))
                    .startsWith("m.yaml:5:8: A has versions v1, v2, v3 but no upcaster from v2 to v3");
            assertThat(problems("schemas:\n  B:\n    1: {type: object}\n    2: {type: object}\n"))
                    .startsWith("m.yaml:4:8: B has versions v1, v2 but no upcaster from v1 to v2");
        }

        @Test
        void a_rename_into_a_version_its_new_type_cannot_reach_is_a_gap() {
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 2, transform: '{}'}\n"
                            + "  - {type: Old, from: 2, to: 3, renameTo: A, transform: '{\"eventType\": \"A\"}'}\n"))
                    .startsWith("m.yaml:3:5: A has versions v1, v2, v3 but no upcaster from v2 to v3");
        }

        @Test
        void a_second_step_for_the_same_type_and_version_is_a_duplicate() {
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 2, transform: '{}'}\n"
                            + "  - {type: A, from: 1, to: 2, transform: '[]'}\n"))
                    .isEqualTo("m.yaml:3:5: a second upcaster A v1->v2 (the first is at m.yaml:2:5): each type and"
                            + " version has one step; merge them");
        }

        @Test
        void a_step_that_does_not_go_one_version_forward_could_loop_and_is_refused() {
            assertThat(problems("upcasters:\n  - {type: A, from: 2, to: 1, transform: '{}'}\n"))
                    .startsWith("m.yaml:2:28: upcaster A goes from v2 to v1: 'to' must be 'from' + 1 (3)");
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 3, transform: '{}'}\n"))
                    .startsWith("m.yaml:2:28: upcaster A goes from v1 to v3");
        }

        @Test
        void an_upcaster_that_fails_on_a_synthetic_event_is_refused_at_load() {
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 2, transform: '{\"eventId\": \"x\"}'}\n"))
                    .startsWith("m.yaml:2:5: upcaster A v1->v2 fails on a synthetic A v1 event (empty payload): changes"
                            + " eventId");
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 2, transform: '\"text\"'}\n"))
                    .contains("must return the new event (an object) or a list of events, got a string");
        }

        @Test
        void the_upcasters_section_is_a_list_of_complete_steps() {
            assertThat(problems("upcasters: {A: 1}\n")).startsWith("m.yaml:1:12: 'upcasters' must be a list");
            assertThat(problems("upcasters:\n  - {type: A, from: 1, to: 2}\n"))
                    .isEqualTo("m.yaml:2:5: upcaster A needs 'transform': a JSLT rule that returns the new event");
            assertThat(problems("upcasters:\n  - {type: A, from: 0, to: 1, transform: '{}', x: 1}\n"))
                    .contains("unknown key 'x'")
                    .contains("'from' must be a schema version (a whole number of 1 or more), got 0");
        }
    }

    @Nested
    class when_fingerprinting {

        @Test
        void the_fingerprint_is_stable_and_changes_with_any_step() {
            // when
            String a = load(V1_TO_V3).transform().fingerprint();
            String same = load(V1_TO_V3.replace("{type: Placed, from: 1", "{from: 1, type: Placed"))
                    .transform()
                    .fingerprint();
            String other =
                    load(V1_TO_V3.replace("\"EUR\"", "\"USD\"")).transform().fingerprint();

            // then
            assertThat(a).hasSize(64).isEqualTo(same).isNotEqualTo(other);
            // pinned: snapshots store it, so it must not change from build to build
            assertThat(a).isEqualTo("bfe3ebfdbe25883759258e4341faf955f267bc33258902c2b6a7b508e44c3b3e");
        }

        @Test
        void a_model_without_upcasters_has_the_identity_transform() {
            assertThat(load("schemas:\n  A:\n    1: {type: object}\n")
                            .transform()
                            .isIdentity())
                    .isTrue();
            assertThat(load("").transform().fingerprint()).isEqualTo("identity");
        }
    }
}
