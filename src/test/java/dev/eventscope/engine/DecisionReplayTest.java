package dev.eventscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.decide.Command;
import dev.eventscope.decide.Outcome;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision replay over the orders sample: every stored event a command of the sample's model
 * stands for, decided again at the valid time just before the event was recorded to happen, is
 * accepted with the same event; and the commands the business rules forbid, decided just after
 * the events that forbid them, are rejected. Decisions at a cut never write.
 */
class DecisionReplayTest {

    @TempDir
    static Path dir;

    static Engine engine;
    static List<RecordedEvent> stored;

    @BeforeAll
    static void importTheSample() throws InterruptedException {
        engine = OrdersSample.imported(dir);
        stored = new ArrayList<>();
        engine.events()
                .listing(new EventService.ListOptions(null, null, false, null))
                .run(stored::add, () -> false);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The decision on {@code type} with {@code payload} at valid time {@code at}. */
    static Outcome decideAt(String type, JsonNode payload, Instant at) {
        ObjectNode c = Json.object();
        c.put("commandType", type);
        c.set("payload", payload);
        List<Command> commands = engine.commands().read(c, null, "test");
        List<Outcome> outcomes = engine.commands()
                .exec(
                        new CommandService.ExecOptions(
                                commands, new CutSpec(Times.format(at), null, null, null), false, 0),
                        o -> {});
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    static List<RecordedEvent> ofType(String type) {
        return stored.stream().filter(e -> e.eventType().equals(type)).toList();
    }

    static ObjectNode payload(RecordedEvent e) {
        return (ObjectNode) e.payload().node().deepCopy();
    }

    static void acceptedWithTheStoredEvent(Outcome o, RecordedEvent e) {
        assertThat(o.status())
                .as(e.eventType() + " at " + e.position() + ": " + o.reason())
                .isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(o.target()).isEqualTo(e.stream());
        assertThat(o.decided()).singleElement().satisfies(d -> {
            assertThat(d.eventType()).isEqualTo(e.eventType());
            assertThat(d.payload().node())
                    .as("payload of " + e.eventType() + " at " + e.position())
                    .isEqualTo(e.payload().node());
        });
    }

    @Test
    void every_stored_shipment_would_have_been_accepted_just_before_it_happened() {
        List<RecordedEvent> shipped = ofType("OrderShipped");
        assertThat(shipped).hasSize(60);
        for (RecordedEvent e : shipped) {
            // given: the command the shipment stands for
            ObjectNode command = payload(e);
            command.put("orderId", e.aggregateId());

            // when
            Outcome o = decideAt("ShipOrder", command, e.timestamp().minusMillis(1));

            // then
            acceptedWithTheStoredEvent(o, e);
            assertThat(o.reads())
                    .singleElement()
                    .satisfies(r ->
                            assertThat(r.state().state().get("status").asText()).isEqualTo("PAID"));
        }
    }

    @Test
    void every_stored_shipment_replayed_as_issued_in_one_run_decides_the_stored_event() {
        // given: the commands the shipments stand for, each issued when its shipment happened
        List<RecordedEvent> shipped = ofType("OrderShipped");
        List<Command> commands = new ArrayList<>();
        for (RecordedEvent e : shipped) {
            ObjectNode c = Json.object();
            c.put("commandType", "ShipOrder");
            c.put("commandId", "replay-" + e.eventId());
            c.put("timestamp", Times.format(e.timestamp()));
            ObjectNode payload = payload(e);
            payload.put("orderId", e.aggregateId());
            c.set("payload", payload);
            commands.addAll(engine.commands().read(c, null, "test"));
        }

        // when
        List<Outcome> outcomes = engine.commands()
                .exec(new CommandService.ExecOptions(commands, CutSpec.LATEST, false, 0, true), o -> {});

        // then
        assertThat(outcomes).hasSize(60);
        for (int i = 0; i < 60; i++) {
            acceptedWithTheStoredEvent(outcomes.get(i), shipped.get(i));
            assertThat(outcomes.get(i).decided().get(0).timestamp())
                    .isEqualTo(shipped.get(i).timestamp());
            assertThat(outcomes.get(i).version()).isEqualTo(shipped.get(i).streamVersion() - 1);
        }
        assertThat(engine.integrity().head().events()).isEqualTo(418);
    }

    @Test
    void no_order_could_have_shipped_just_after_it_was_cancelled() {
        List<RecordedEvent> cancelled = ofType("OrderCancelled");
        assertThat(cancelled).hasSize(20);
        for (RecordedEvent e : cancelled) {
            // given
            ObjectNode command = Json.object();
            command.put("orderId", e.aggregateId());
            command.put("carrier", "DHL");

            // when
            Outcome o = decideAt("ShipOrder", command, e.timestamp());

            // then
            assertThat(o.status()).as(e.aggregateId()).isEqualTo(Outcome.Status.REJECTED);
            assertThat(o.reason()).isEqualTo(e.aggregateId() + " is cancelled");
            assertThat(o.version()).isEqualTo(e.streamVersion());
        }
    }

    @Test
    void every_placement_item_payment_and_cancellation_would_have_been_accepted_just_before_it_happened() {
        int decided = 0;
        for (RecordedEvent e : stored) {
            ObjectNode command = payload(e);
            String type;
            switch (e.eventType()) {
                case "OrderPlaced":
                    type = "PlaceOrder";
                    command.put("orderId", e.aggregateId());
                    command.remove("totalAmount");
                    break;
                case "OrderItemAdded":
                    type = "AddOrderItem";
                    command.put("orderId", e.aggregateId());
                    break;
                case "PaymentProcessed":
                    type = "PayOrder";
                    break;
                case "PaymentFailed":
                    type = "PayOrder";
                    command.put("declined", command.remove("reason").asText());
                    command.put("method", "card");
                    break;
                case "OrderCancelled":
                    type = "CancelOrder";
                    command.put("orderId", e.aggregateId());
                    break;
                default:
                    continue;
            }
            Outcome o = decideAt(type, command, e.timestamp().minusMillis(1));
            assertThat(o.status())
                    .as(type + " for " + e.eventType() + " at " + e.position() + ": " + o.reason())
                    .isEqualTo(Outcome.Status.ACCEPTED);
            assertThat(o.decided())
                    .singleElement()
                    .satisfies(d -> assertThat(d.eventType()).isEqualTo(e.eventType()));
            if (!e.eventType().equals("OrderPlaced") && !e.eventType().equals("PaymentFailed")) {
                acceptedWithTheStoredEvent(o, e);
            }
            decided++;
        }
        assertThat(decided).isEqualTo(80 + 9 + 65 + 10 + 20);
    }

    @Test
    void no_item_could_have_been_added_just_after_an_order_shipped() {
        for (RecordedEvent e : ofType("OrderShipped")) {
            ObjectNode command = Json.object();
            command.put("orderId", e.aggregateId());
            command.put("sku", "SKU-01");
            command.put("name", "Cable");
            command.put("quantity", 1);
            command.put("unitPrice", 9.99);

            Outcome o = decideAt("AddOrderItem", command, e.timestamp());

            assertThat(o.status()).isEqualTo(Outcome.Status.REJECTED);
            assertThat(o.reason()).isEqualTo(e.aggregateId() + " is shipped: no items can be added");
        }
    }

    @Test
    void decisions_at_a_cut_leave_the_store_as_it_was() {
        // when
        decideAt(
                "PlaceOrder",
                Json.parseTrusted(
                        "{\"orderId\": \"order-9999\", \"customerId\": \"c\", \"currency\":"
                                + " \"EUR\", \"items\": [{\"sku\": \"A\", \"name\": \"a\", \"quantity\": 1, \"unitPrice\": 1}]}"),
                Instant.parse("2024-02-01T00:00:00Z"));

        // then
        assertThat(engine.events().init().events()).isEqualTo(418);
    }
}
