package dev.eventscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SagasSectionTest {

    static final String VALID = """
            sagas:
              fulfilment:
                association:
                  OrderPlaced: .aggregateId
                  PaymentProcessed: payload.orderId
                  "*": correlationId
                start: [OrderPlaced]
                end: [OrderShipped]
                initial: {step: placed}
                step: .step
                stuckAfter: 2d
                on:
                  OrderPlaced:
                    state: '$state | {"step": "awaiting-payment", * : .}'
                    emit: '{"eventType": "PaymentRequested", "aggregateType": "Fulfilment", "aggregateId": .aggregateId}'
                    set: [payment]
                  PaymentProcessed:
                    cancel: [payment]
                deadlines:
                  payment:
                    after: 30m
                    emit: '{"eventType": "PaymentTimedOut", "aggregateType": "Fulfilment", "aggregateId": .aggregateId}'
            """;

    private static Model load(String text) {
        return ModelLoader.parse("m.yaml", text, Path.of(""), List.of());
    }

    private static List<String> problems(String text) {
        InvalidInputException e =
                org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, () -> load(text));
        return e.problems();
    }

    @Nested
    class when_the_section_is_valid {

        @Test
        void a_saga_loads_with_its_association_types_rules_and_deadlines() {
            // when
            SagaModel saga = load(VALID).saga("fulfilment");

            // then
            assertThat(saga.start()).containsExactly("OrderPlaced");
            assertThat(saga.end()).containsExactly("OrderShipped");
            assertThat(saga.eventTypes()).containsExactly("OrderPlaced", "PaymentProcessed", "OrderShipped");
            assertThat(saga.stuckAfter()).isEqualTo(Duration.ofDays(2));
            assertThat(saga.deadlines().get("payment").after()).isEqualTo(Duration.ofMinutes(30));
            assertThat(saga.ruleFor("OrderPlaced").set()).containsExactly("payment");
            assertThat(saga.ruleFor("PaymentProcessed").cancel()).containsExactly("payment");
            assertThat(saga.state().initial().get("step").asText()).isEqualTo("placed");
            assertThat(saga.at()).isEqualTo("m.yaml:3:5");
        }

        @Test
        void a_bare_path_reads_from_the_event_and_the_correlation_id_from_its_metadata() {
            // when
            SagaModel saga = load(VALID).saga("fulfilment");

            // then
            assertThat(saga.association().forType("PaymentProcessed").text()).isEqualTo(".payload.orderId");
            assertThat(saga.association().forType("OrderShipped").text()).isEqualTo(".metadata.correlationId");
            assertThat(saga.association().forType("OrderPlaced").text()).isEqualTo(".aggregateId");
        }

        @Test
        void a_saga_without_stuck_after_waits_an_hour_and_one_expression_joins_every_type() {
            // when
            SagaModel saga = load("sagas:\n  s:\n    association: .metadata.correlationId\n    start: [A]\n")
                    .saga("s");

            // then
            assertThat(saga.stuckAfter()).isEqualTo(SagaModel.DEFAULT_STUCK_AFTER);
            assertThat(saga.association().forType("A").text()).isEqualTo(".metadata.correlationId");
            assertThat(saga.end()).isEmpty();
        }

        @Test
        void the_fingerprint_changes_with_a_rule_and_not_with_formatting() {
            String a = load(VALID).saga("fulfilment").fingerprint();
            String b = load(VALID.replace("after: 30m", "after: 45m"))
                    .saga("fulfilment")
                    .fingerprint();
            String c = load(VALID.replace("start: [OrderPlaced]", "start:   [OrderPlaced]"))
                    .saga("fulfilment")
                    .fingerprint();

            assertThat(a).isNotEqualTo(b).isEqualTo(c);
        }

        @Test
        void asking_for_a_saga_the_model_lacks_names_the_ones_it_has() {
            assertThatThrownBy(() -> load(VALID).saga("review"))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("the model m.yaml has no saga 'review'");
        }
    }

    @Nested
    class when_the_section_cannot_work {

        @Test
        void an_association_for_a_type_the_saga_does_not_take_never_matches() {
            assertThat(problems(VALID.replace(
                            "      \"*\": correlationId\n",
                            "      \"*\": correlationId\n      OrderDelivered: .aggregateId\n")))
                    .containsExactly("m.yaml:7:23: the association for OrderDelivered never matches: saga fulfilment"
                            + " takes no OrderDelivered events (it takes OrderPlaced, PaymentProcessed, OrderShipped)");
        }

        @Test
        void an_association_that_reads_a_field_no_event_has_never_matches() {
            assertThat(problems(VALID.replace("OrderPlaced: .aggregateId", "OrderPlaced: .aggregateID")))
                    .containsExactly("m.yaml:4:20: the association .aggregateID never matches: an event has no field"
                            + " aggregateID (it has eventId, eventType, aggregateType, aggregateId, timestamp, payload,"
                            + " metadata, ...)");
        }

        @Test
        void a_type_the_saga_takes_without_an_association_could_never_join_an_instance() {
            assertThat(problems(VALID.replace("      \"*\": correlationId\n", "")))
                    .containsExactly("m.yaml:7:11: saga fulfilment takes OrderShipped but has no association for it,"
                            + " so a OrderShipped could never join an instance: add OrderShipped (or \"*\") under"
                            + " 'association:'");
        }

        @Test
        void a_deadline_without_a_duration_is_refused_where_it_is_defined() {
            assertThat(problems(VALID.replace("        after: 30m\n", "")))
                    .containsExactly("m.yaml:21:9: deadline payment of saga fulfilment has no duration: say when it"
                            + " passes with after, such as after: 30m");
        }

        @Test
        void a_deadline_duration_must_be_a_duration() {
            assertThat(problems(VALID.replace("after: 30m", "after: soon")))
                    .containsExactly("m.yaml:21:16: after of deadline payment of saga fulfilment must be a duration"
                            + " such as 200ms, 2s, 5m or 1h, got \"soon\"");
        }

        @Test
        void a_deadline_never_set_and_a_set_of_an_undefined_one_are_refused() {
            assertThat(problems(VALID.replace("set: [payment]", "set: [paymnet]")))
                    .containsExactly(
                            "m.yaml:16:15: set of rule fulfilment.on.OrderPlaced names the deadline paymnet, which is"
                                    + " not defined (the saga has payment)",
                            "m.yaml:21:9: deadline payment of saga fulfilment is never set: name it under 'set:' of a"
                                    + " rule in 'on:'");
        }

        @Test
        void a_saga_needs_a_start_and_an_association() {
            assertThat(problems("sagas:\n  s:\n    end: [B]\n"))
                    .containsExactly(
                            "m.yaml:3:5: saga s needs 'start': the event types that start an instance, such as"
                                    + " [OrderPlaced]",
                            "m.yaml:3:5: saga s needs 'association': how an event names its instance, such as"
                                    + " .payload.orderId, or one expression per event type");
        }

        @Test
        void a_saga_shares_its_name_with_projections_and_handlers() {
            String model = "handlers:\n  s:\n    kind: reactor\n    types: [A]\n    emit: 'null'\n"
                    + "sagas:\n  s:\n    association: .aggregateId\n    start: [A]\n";

            assertThat(problems(model))
                    .containsExactly("m.yaml:8:5: saga s: a projection or handler has the same name (sagas,"
                            + " projections and handlers share one namespace: 'evs process NAME')");
        }

        @Test
        void a_rule_that_cannot_work_fails_on_the_synthetic_event() {
            assertThat(problems(VALID.replace(
                            "state: '$state | {\"step\": \"awaiting-payment\", * : .}'", "state: '\"not a state\"'")))
                    .containsExactly(
                            "m.yaml:14:16: rule fulfilment.on.OrderPlaced.state fails on a synthetic"
                                    + " OrderPlaced event (empty payload): must return an object, got a string \"not a state\"");
        }

        @Test
        void an_emit_rule_must_give_events() {
            assertThat(problems(VALID.replace(
                            "emit: '{\"eventType\": \"PaymentRequested\", \"aggregateType\": \"Fulfilment\","
                                    + " \"aggregateId\": .aggregateId}'",
                            "emit: '{\"eventType\": \"PaymentRequested\"}'")))
                    .containsExactly(
                            "m.yaml:15:15: rule fulfilment.on.OrderPlaced.emit gives an event without aggregateType",
                            "m.yaml:15:15: rule fulfilment.on.OrderPlaced.emit gives an event without aggregateId");
        }

        @Test
        void unknown_keys_are_named_with_the_ones_known() {
            assertThat(problems(VALID.replace("    stuckAfter: 2d\n", "    stuckAfter: 2d\n    colour: red\n")))
                    .containsExactly("m.yaml:12:13: saga fulfilment has an unknown key 'colour' (known: association,"
                            + " start, end, endWhen, initial, step, stuckAfter, on, deadlines)");
        }
    }
}
