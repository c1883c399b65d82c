package dev.eventscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.decide.Command;
import dev.eventscope.decide.Outcome;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.WhatIf;
import dev.eventscope.store.StoreLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exec} and {@code whatif --command} through the engine, on a SQLite store holding the orders sample. */
class CommandServiceTest {

    @TempDir
    Path dir;

    Engine engine;

    @BeforeEach
    void importTheSample() {
        engine = OrdersSample.imported(dir);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    List<Outcome> exec(String json, CutSpec cut, boolean dryRun) {
        List<Command> commands = engine.commands().read(Json.parseTrusted(json), null, "test");
        return engine.commands().exec(new CommandService.ExecOptions(commands, cut, dryRun, 0), o -> {});
    }

    long events() {
        return engine.integrity().head().events();
    }

    static final String PLACE = "{\"commandType\": \"PlaceOrder\", \"commandId\": \"cmd-place-0081\","
            + " \"metadata\": {\"userId\": \"cust-001\", \"correlationId\": \"req-81\"},"
            + " \"payload\": {\"orderId\": \"order-0081\", \"customerId\": \"cust-001\", \"currency\": \"EUR\","
            + " \"items\": [{\"sku\": \"SKU-01\", \"name\": \"Cable\", \"quantity\": 2, \"unitPrice\": 9.99}]}}";

    @Nested
    class when_executing_at_the_head {

        @Test
        void an_accepted_command_appends_its_events_to_the_target_with_its_ids() {
            // when
            List<Outcome> outcomes = exec(PLACE, CutSpec.LATEST, false);

            // then
            Outcome o = outcomes.get(0);
            assertThat(o.status()).isEqualTo(Outcome.Status.APPENDED);
            assertThat(o.version()).isZero();
            assertThat(o.cut().upTo()).isEqualTo(418);
            RecordedEvent e = o.stored().get(0);
            assertThat(e.position()).isEqualTo(419);
            assertThat(e.streamVersion()).isEqualTo(1);
            assertThat(e.eventType()).isEqualTo("OrderPlaced");
            assertThat(e.eventVersion()).isEqualTo(2);
            assertThat(e.payload().node().get("totalAmount").doubleValue()).isEqualTo(19.98);
            assertThat(e.userId()).isEqualTo("cust-001");
            assertThat(e.correlationId()).isEqualTo("req-81");
            assertThat(e.causationId()).isEqualTo("cmd-place-0081");
            assertThat(events()).isEqualTo(419);
        }

        @Test
        void a_rejection_writes_nothing() {
            // when
            List<Outcome> outcomes = exec(
                    "{\"commandType\": \"ShipOrder\", \"payload\": {\"orderId\": \"order-0010\", \"carrier\": \"DHL\"}}",
                    CutSpec.LATEST,
                    false);

            // then
            assertThat(outcomes.get(0).status()).isEqualTo(Outcome.Status.REJECTED);
            assertThat(outcomes.get(0).reason()).isEqualTo("order-0010 is cancelled");
            assertThat(events()).isEqualTo(418);
        }

        @Test
        void events_that_break_their_schema_are_refused_and_nothing_is_written() {
            // when
            String lowerCaseCurrency = PLACE.replace("\"EUR\"", "\"eur\"");

            // then
            assertThatThrownBy(() -> exec(lowerCaseCurrency, CutSpec.LATEST, false))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("the events decided for PlaceOrder cmd-place-0081 do not match the schemas of their"
                            + " event types; nothing was written");
            assertThat(events()).isEqualTo(418);
        }

        @Test
        void a_command_executed_before_is_found_by_its_id_and_not_run_again() {
            // given
            exec(PLACE, CutSpec.LATEST, false);

            // when
            List<Outcome> again = exec(PLACE, CutSpec.LATEST, false);

            // then
            assertThat(again.get(0).status()).isEqualTo(Outcome.Status.ALREADY_EXECUTED);
            assertThat(again.get(0).stored())
                    .extracting(RecordedEvent::position)
                    .containsExactly(419L);
            assertThat(events()).isEqualTo(419);
        }

        @Test
        void the_sample_s_own_command_ids_are_known_as_executed() {
            // when: the command that placed order-0001, as its events name it
            List<Outcome> outcomes = exec(
                    "{\"commandType\": \"PlaceOrder\", \"commandId\": \"cmd-place-order-0001\", \"payload\":"
                            + " {\"orderId\": \"order-0001\"}}",
                    CutSpec.LATEST,
                    false);

            // then
            assertThat(outcomes.get(0).status()).isEqualTo(Outcome.Status.ALREADY_EXECUTED);
            assertThat(outcomes.get(0).stored())
                    .extracting(RecordedEvent::position)
                    .containsExactly(1L);
        }
    }

    @Test
    void the_model_s_command_types_complete_by_prefix() {
        assertThat(engine.names().commandTypes("P", 50)).containsExactly("PayOrder", "PlaceOrder");
        assertThat(engine.names().commandTypes("", 2)).containsExactly("AddOrderItem", "CancelOrder");
    }

    @Nested
    class when_writing_nothing {

        @Test
        void a_dry_run_decides_at_the_head_and_appends_nothing() {
            // when
            List<Outcome> outcomes = exec(PLACE, CutSpec.LATEST, true);

            // then
            assertThat(outcomes.get(0).status()).isEqualTo(Outcome.Status.ACCEPTED);
            assertThat(outcomes.get(0).decided()).hasSize(1);
            assertThat(events()).isEqualTo(418);
        }

        @Test
        void a_decision_at_a_position_sees_the_store_as_it_was_there() {
            // given: order-0007 shipped at position 45
            String ship = "{\"commandType\": \"ShipOrder\", \"payload\": {\"orderId\": \"order-0007\", \"carrier\":"
                    + " \"DHL\"}}";

            // when
            Outcome before =
                    exec(ship, new CutSpec(null, null, null, 44L), false).get(0);
            Outcome after =
                    exec(ship, new CutSpec(null, null, null, 45L), false).get(0);

            // then
            assertThat(before.status()).isEqualTo(Outcome.Status.ACCEPTED);
            assertThat(before.cut().upTo()).isEqualTo(44);
            assertThat(after.status()).isEqualTo(Outcome.Status.REJECTED);
            assertThat(after.reason()).isEqualTo("order-0007 is shipped already");
            assertThat(events()).isEqualTo(418);
        }

        @Test
        void a_command_at_a_valid_time_is_issued_then() {
            // when
            Outcome o = exec(PLACE, new CutSpec("2024-01-20T00:00:00Z", null, null, null), false)
                    .get(0);

            // then
            assertThat(o.command().timestamp()).hasToString("2024-01-20T00:00:00Z");
            assertThat(o.decided().get(0).timestamp()).hasToString("2024-01-20T00:00:00Z");
        }

        @Test
        void commands_of_one_dry_run_see_the_events_the_ones_before_decided() {
            // when
            List<Outcome> outcomes = exec(
                    "[" + PLACE + ", {\"commandType\": \"CancelOrder\", \"payload\": {\"orderId\": \"order-0081\","
                            + " \"reason\": \"test\"}}]",
                    CutSpec.LATEST,
                    true);

            // then
            assertThat(outcomes)
                    .extracting(Outcome::status)
                    .containsExactly(Outcome.Status.ACCEPTED, Outcome.Status.ACCEPTED);
            assertThat(outcomes.get(1).version()).isEqualTo(1);
            assertThat(events()).isEqualTo(418);
        }
    }

    @Nested
    class when_the_input_is_wrong {

        @Test
        void every_invalid_command_of_a_document_is_named() {
            assertThatThrownBy(() -> engine.commands()
                            .read(
                                    Json.parseTrusted(
                                            "[{\"commandType\": \"A\"}, {\"commandType\": \"A\", \"payload\": []}, {\"x\": 1}]"),
                                    null,
                                    "cmds.json"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("2 of 3 commands in cmds.json are not valid; nothing was run")
                    .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                            .containsExactly(
                                    "command 2: payload must be a JSON object, got an array",
                                    "command 3: unknown field 'x' (a command has commandType, commandId, timestamp,"
                                            + " payload, metadata)"));
        }

        @Test
        void exec_needs_a_store_and_creates_none() {
            // given
            Engine fresh = Engine.open(new Workspace.Settings(
                    StoreLocator.file(dir.resolve("missing.db")),
                    OrdersSample.MODEL,
                    ZoneOffset.UTC,
                    Duration.ofSeconds(10),
                    EventJson.DEFAULT_MAX_PAYLOAD));
            List<Command> commands = fresh.commands().read(Json.parseTrusted(PLACE), null, "test");

            // then
            assertThatThrownBy(() -> fresh.commands()
                            .exec(new CommandService.ExecOptions(commands, CutSpec.LATEST, false, 0), o -> {}))
                    .isInstanceOf(NotFoundException.class);
            assertThat(dir.resolve("missing.db")).doesNotExist();
            fresh.close();
        }
    }

    @Nested
    class when_a_what_if_has_a_command {

        static final UUID PLACED_0042 = UUID.fromString("7162a004-d4f7-46a2-a27c-1e0ff37fb13f");
        static final UUID CANCELLED_0042 = UUID.fromString("62a774cf-17a4-4217-bcde-6cdd3984039d");

        Path command(String json) throws Exception {
            Path file = Files.createTempFile(dir, "command", ".json");
            Files.writeString(file, json);
            return file;
        }

        WhatIf.Result whatIf(List<Edit> edits) {
            return engine.folds().whatIf(new FoldService.WhatIfOptions("order-0042", "Order", CutSpec.LATEST, edits));
        }

        @Test
        void its_events_are_inserted_where_it_is_decided() throws Exception {
            // given: the customer had added an item right after placing the order, before paying
            Path add = command("{\"commandType\": \"AddOrderItem\", \"payload\": {\"orderId\": \"order-0042\","
                    + " \"sku\": \"SKU-01\", \"name\": \"Cable\", \"quantity\": 1, \"unitPrice\": 9.99}}");

            // when
            WhatIf.Result r = whatIf(List.of(new Edit.Command(PLACED_0042, add)));

            // then
            assertThat(r.hypothetical().state().get("items")).hasSize(3);
            assertThat(r.hypothetical().state().get("total").doubleValue()).isEqualTo(169.84);
            assertThat(r.hypothetical().state().get("status").asText()).isEqualTo("CANCELLED");
            ObjectNode edit = (ObjectNode) r.edits().get(0);
            assertThat(edit.get("commandType").asText()).isEqualTo("AddOrderItem");
            assertThat(edit.get("events").asInt()).isEqualTo(1);
        }

        @Test
        void it_sees_the_history_the_other_edits_make_and_the_other_aggregates_as_they_were() throws Exception {
            // given: without the cancellation, could the order have shipped right after it was placed?
            Path ship = command("{\"commandType\": \"ShipOrder\", \"payload\": {\"orderId\": \"order-0042\","
                    + " \"carrier\": \"DHL\"}}");
            Path cancel = command("{\"commandType\": \"CancelOrder\", \"payload\": {\"orderId\": \"order-0042\","
                    + " \"reason\": \"again\"}}");

            // when
            WhatIf.Result shipped = whatIf(List.of(new Edit.Drop(CANCELLED_0042), new Edit.Command(PLACED_0042, ship)));
            WhatIf.Result cancelledTwice = whatIf(List.of(new Edit.Command(CANCELLED_0042, cancel)));

            // then: not paid yet at that point (the payment came 30 s later); cancelled already
            assertThat(shipped.edits().get(1).get("rejected").asText()).isEqualTo("order-0042 is not paid");
            assertThat(shipped.hypothetical().state().get("status").asText()).isEqualTo("PLACED");
            assertThat(cancelledTwice.edits().get(0).get("rejected").asText())
                    .isEqualTo("order-0042 is cancelled already");
        }

        @Test
        void a_command_for_another_aggregate_is_refused() throws Exception {
            Path other = command("{\"commandType\": \"CancelOrder\", \"payload\": {\"orderId\": \"order-0043\","
                    + " \"reason\": \"x\"}}");
            List<Edit> edits = new ArrayList<>(List.of(new Edit.Command(PLACED_0042, other)));

            assertThatThrownBy(() -> whatIf(edits))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage(other + ": the command CancelOrder targets Order/order-0043, not Order/order-0042");
        }
    }
}
