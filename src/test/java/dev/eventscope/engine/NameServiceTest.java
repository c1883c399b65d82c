package dev.eventscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.decide.Command;
import dev.eventscope.event.Json;
import dev.eventscope.saga.SagaView;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names for completion from the orders sample's model and store: processors, sagas, saga instances. */
class NameServiceTest {

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

    @Test
    void processors_are_the_model_s_projections_handlers_and_sagas_sorted() {
        assertThat(engine.names().processors("", 50)).containsExactly("compensate", "fulfilment", "notify", "orders");
        assertThat(engine.names().processors("no", 50)).containsExactly("notify");
        assertThat(engine.names().processors("", 2)).containsExactly("compensate", "fulfilment");
    }

    @Test
    void sagas_are_the_model_s_sagas() {
        assertThat(engine.names().sagas("f", 50)).containsExactly("fulfilment");
        assertThat(engine.names().sagas("x", 50)).isEmpty();
    }

    @Test
    void saga_instances_are_the_ones_saga_list_lists_by_prefix() {
        // given: what saga list lists
        List<String> listed = engine
                .folds()
                .sagas(new FoldService.SagaListOptions(List.of("fulfilment"), CutSpec.LATEST, null, null, null, null))
                .instances()
                .stream()
                .map(SagaView::instanceId)
                .filter(id -> id.startsWith("order-003"))
                .sorted()
                .toList();

        // when
        List<String> offered = engine.names().sagaInstances("fulfilment", "order-003", 50);

        // then
        assertThat(offered).isEqualTo(listed).contains("order-0035").allMatch(id -> id.startsWith("order-003"));
        assertThat(engine.names().sagaInstances("fulfilment", "", 3)).hasSize(3);
        assertThat(engine.names().sagaInstances("no-such-saga", "", 50)).isEmpty();
        assertThat(engine.names().sagaInstances(null, "", 50)).isEmpty();
    }

    @Test
    void an_instance_started_after_the_first_lookup_is_offered_once_its_event_is_stored() {
        // given
        assertThat(engine.names().sagaInstances("fulfilment", "order-0081", 50)).isEmpty();

        // when: a new order is placed
        List<Command> place = engine.commands()
                .read(
                        Json.parseTrusted("{\"commandType\": \"PlaceOrder\", \"commandId\": \"c-81\", \"payload\":"
                                + " {\"orderId\": \"order-0081\", \"customerId\": \"cust-001\", \"currency\": \"EUR\","
                                + " \"items\": [{\"sku\": \"S\", \"name\": \"Cable\", \"quantity\": 1,"
                                + " \"unitPrice\": 9.99}]}}"),
                        null,
                        "test");
        engine.commands().exec(new CommandService.ExecOptions(place, CutSpec.LATEST, false, 0), o -> {});

        // then
        assertThat(engine.names().sagaInstances("fulfilment", "order-0081", 50)).containsExactly("order-0081");
    }
}
