package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RubyEventStore's JSON client: the types its PreserveTypes transformation keeps in the metadata. */
class RubyTypesTest {

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parseTrusted(text);
    }

    @Test
    void a_big_decimal_becomes_the_exact_number_and_symbols_and_dates_stay_strings() {
        // given: {order_id: "o-1", total: BigDecimal("19.99"), lines: [{qty: BigDecimal("2")}],
        // status: :paid, on: Date} as the JSON client writes it
        ObjectNode data =
                json("{\"order_id\":\"o-1\",\"total\":\"0.1999e2\",\"lines\":[{\"qty\":\"0.2e1\"}],\"status\":\"paid\","
                        + "\"on\":\"2025-06-01\"}");
        JsonNode types =
                Json.parseTrusted("{\"order_id\":[\"Symbol\",\"String\"],\"total\":[\"Symbol\",\"BigDecimal\"],"
                        + "\"lines\":[\"Symbol\",[{\"qty\":[\"Symbol\",\"BigDecimal\"]}]],\"status\":[\"Symbol\",\"Symbol\"],"
                        + "\"on\":[\"Symbol\",\"Date\"]}");
        Set<Loss> losses = EnumSet.noneOf(Loss.class);

        // when
        RubyTypes.restore(data, types, losses);

        // then
        assertThat(data.toString())
                .isEqualTo("{\"order_id\":\"o-1\",\"total\":19.99,\"lines\":[{\"qty\":2}],\"status\":\"paid\","
                        + "\"on\":\"2025-06-01\"}");
        assertThat(losses).isEmpty();
    }

    @Test
    void an_object_of_another_class_keeps_it_under_ruby_and_is_counted() {
        ObjectNode data = json("{\"gateway\":{\"name\":\"acme\"},\"extra\":{\"a\":1}}");
        JsonNode types = Json.parseTrusted(
                "{\"gateway\":[\"String\",\"Payments::Gateway\"],\"extra\":[\"String\",{\"a\":[\"String\",\"Integer\"]}]}");
        Set<Loss> losses = EnumSet.noneOf(Loss.class);

        RubyTypes.restore(data, types, losses);

        assertThat(data.toString())
                .isEqualTo("{\"gateway\":{\"$ruby\":\"Payments::Gateway\",\"name\":\"acme\"},\"extra\":{\"a\":1}}");
        assertThat(losses).containsExactly(Loss.RUBY_OBJECT);
    }

    @Test
    void only_the_clients_shape_counts_as_types_and_what_does_not_fit_is_left_alone() {
        assertThat(RubyTypes.of(json("{\"types\":{\"data\":{},\"metadata\":{}},\"user_id\":1}")))
                .isNotNull();
        assertThat(RubyTypes.of(json("{\"types\":[\"a\",\"b\"]}"))).isNull();
        assertThat(RubyTypes.of(json("{\"types\":{\"data\":{}}}"))).isNull();

        ObjectNode data = json("{\"total\":\"Infinity\",\"n\":5,\"list\":[1,2]}");
        RubyTypes.restore(
                data,
                Json.parseTrusted("{\"total\":[\"Symbol\",\"BigDecimal\"],\"n\":[\"Symbol\",\"BigDecimal\"],"
                        + "\"list\":[\"Symbol\",\"Array\"]}"),
                EnumSet.noneOf(Loss.class));
        assertThat(data.toString()).isEqualTo("{\"total\":\"Infinity\",\"n\":5,\"list\":[1,2]}");
    }
}
