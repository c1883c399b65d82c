package dev.eventscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.NewEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventInputTest {

    private static final String EVENT = "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\"}";

    private static List<NewEvent> batch(String json) {
        return EventInput.parseBatch(
                json.getBytes(StandardCharsets.UTF_8), "batch.json", EventJson.ReadOptions.DEFAULT);
    }

    @Test
    void one_object_is_a_batch_of_one() {
        assertThat(batch(EVENT)).extracting(NewEvent::eventType).containsExactly("A");
    }

    @Test
    void an_array_is_read_in_order() {
        assertThat(batch("[" + EVENT + ",\n" + EVENT.replace("\"A\"", "\"B\"") + "]"))
                .extracting(NewEvent::eventType)
                .containsExactly("A", "B");
    }

    @Test
    void every_invalid_element_is_reported_by_number() {
        assertThatThrownBy(() -> batch("[" + EVENT + ",{\"eventType\":\"B\"},{\"a\":1,\"a\":2}]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("batch.json holds 2 invalid events; nothing was written")
                .extracting(e -> ((InvalidInputException) e).problems())
                .asList()
                .containsExactly(
                        "event 2: aggregateType is missing",
                        "event 3: malformed JSON: Duplicate field 'a' (column 11)");
    }

    @Test
    void regression_millions_of_invalid_elements_keep_only_the_first_problems() {
        // was: every problem was kept, so a 15 MB array of [] ran a 256 MB heap out of memory
        String hostile = "[" + "[],".repeat(100_000) + "[]]";

        assertThatThrownBy(() -> batch(hostile))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("batch.json holds 100001 invalid events; nothing was written")
                .extracting(e -> ((InvalidInputException) e).problems())
                .asList()
                .hasSize(EventInput.PROBLEMS_SHOWN + 1)
                .endsWith("... and 99981 more");
    }

    @Test
    void a_document_that_is_not_json_is_reported_as_a_whole() {
        assertThatThrownBy(() -> batch("{nope"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("batch.json holds 1 invalid event; nothing was written")
                .extracting(e -> ((InvalidInputException) e).problems())
                .asList()
                .singleElement()
                .asString()
                .startsWith("event 1: malformed JSON: Unexpected character ('n' (code 110))");
    }

    @Test
    void an_empty_array_holds_no_events() {
        assertThatThrownBy(() -> batch(" [ ] "))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("batch.json holds no events (an empty array)");
    }

    @Test
    void an_element_longer_than_an_import_line_is_refused_unparsed() {
        var options = new EventJson.ReadOptions(null, 2);
        String big = "{\"eventType\":\"A\",\"aggregateType\":\"T\",\"aggregateId\":\"1\",\"payload\":{\"s\":\""
                + "x".repeat(140_000) + "\"}}";
        assertThatThrownBy(() ->
                        EventInput.parseBatch(("[" + big + "]").getBytes(StandardCharsets.UTF_8), "b.json", options))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems())
                .asList()
                .containsExactly("event 1: the event is 140074 bytes, longer than the limit of 131076 bytes (twice"
                        + " --max-payload plus 128 KiB)");
    }

    @Test
    void regression_issue_22_a_long_exponent_is_refused_by_append_file_flags_and_an_import_line_alike() {
        // given: append --file exited 70 (NumberFormatException) where import refused the same event
        String number = "0.4e00" + "6".repeat(300) + "006";
        String event = EVENT.replace("}", ",\"payload\":{\"n\":" + number + "}}");
        byte[] line = event.getBytes(StandardCharsets.UTF_8);

        // when
        String asLine = null;
        try {
            EventInput.parseOne(line, 0, line.length, EventJson.ReadOptions.DEFAULT);
        } catch (IllegalArgumentException e) {
            asLine = e.getMessage();
        }

        // then
        assertThat(asLine)
                .startsWith("malformed JSON: the number 0.4e00666")
                .contains("has an exponent beyond what a decimal can hold")
                .endsWith("(column 71)");
        assertThatThrownBy(() -> batch(event))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems())
                .isEqualTo(List.of("event 1: " + asLine));
        assertThatThrownBy(() -> batch("[" + event + "]"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems())
                .isEqualTo(List.of("event 1: " + asLine));
        byte[] payload = ("{\"n\":" + number + "}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventInput.fromParts(
                        new EventParts(
                                "A",
                                "T",
                                "1",
                                null,
                                null,
                                null,
                                new EventParts.Document("--payload", payload),
                                null,
                                null,
                                null,
                                null),
                        EventJson.ReadOptions.DEFAULT))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--payload is not valid JSON: the number 0.4e00666")
                .hasMessageEndingWith("(column 6)");
    }

    @Test
    void an_event_given_by_parts_is_the_event_of_the_same_json_object() {
        byte[] payload = "{\"n\":1e999999999,\"z\":-0}".getBytes(StandardCharsets.UTF_8);

        NewEvent e = EventInput.fromParts(
                new EventParts(
                        "A",
                        "T",
                        "1",
                        null,
                        2,
                        "2024-01-15T10:30:00Z",
                        new EventParts.Document("--payload", payload),
                        null,
                        "c-1",
                        null,
                        "u-1"),
                EventJson.ReadOptions.DEFAULT);

        assertThat(e.payload().text()).isEqualTo("{\"n\":1e999999999,\"z\":-0}");
        assertThat(e.metadata().text()).isEqualTo("{\"correlationId\":\"c-1\",\"userId\":\"u-1\"}");
        assertThat(e.eventVersion()).isEqualTo(2);
    }
}
