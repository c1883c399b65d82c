package dev.eventscope.process;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.store.DeadLetter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exec handlers (a small sh script) and plugin handlers: at-least-once delivery, failures, timeouts. */
class ExternalHandlersTest {

    static final String MODEL = "handlers:\n"
            + "  notify:\n"
            + "    kind: exec\n"
            + "    command: [sh, notify.sh]\n"
            + "    types: [OrderShipped]\n"
            + "    retry: {attempts: 2, backoff: 10ms}\n"
            + "  slow:\n"
            + "    kind: exec\n"
            + "    command: [sh, -c, 'echo started >&2; sleep 30; echo never']\n"
            + "    types: [OrderShipped]\n"
            + "    timeout: 1s\n"
            + "    retry: {attempts: 1}\n"
            + "  audit:\n"
            + "    kind: plugin\n"
            + "    class: test.Audit\n"
            + "    types: ['*']\n"
            + "    retry: {attempts: 1}\n";

    /** Logs every delivery; fails (exit 3) on the event ids listed in fail-ids.txt. */
    static final String SCRIPT = "id=\"$EVENTSCOPE_EVENT_ID\"\n"
            + "cat > \"last-$EVENTSCOPE_POSITION.json\"\n"
            + "echo \"$EVENTSCOPE_HANDLER $EVENTSCOPE_POSITION $id\" >> delivered.log\n"
            + "if grep -q \"$id\" fail-ids.txt 2>/dev/null; then echo \"refusing $id\" >&2; exit 3; fi\n";

    @TempDir
    Path dir;

    Fixture f;

    @BeforeEach
    void store() throws IOException {
        Files.writeString(dir.resolve("notify.sh"), SCRIPT);
        f = new Fixture(dir, MODEL);
        f.append(
                event("OrderShipped").on("Order", "x").build(),
                event("OrderShipped")
                        .on("Order", "y")
                        .payload("{\"carrier\": \"DHL\"}")
                        .build(),
                event("OrderShipped").on("Order", "x").build());
    }

    @AfterEach
    void close() {
        f.close();
    }

    String id(long position) {
        return f.store().byPosition(position).orElseThrow().eventId().toString();
    }

    @Nested
    class when_an_exec_handler_runs {

        @Test
        void it_gets_the_event_as_json_on_stdin_and_its_id_position_and_name_in_the_environment() throws IOException {
            // when
            ProcessReport report = f.process("notify");

            // then
            assertThat(report.applied()).isEqualTo(3);
            assertThat(Files.readAllLines(dir.resolve("delivered.log")))
                    .containsExactly("notify 1 " + id(1), "notify 2 " + id(2), "notify 3 " + id(3));
            JsonNode event = Json.parseTrusted(Files.readString(dir.resolve("last-2.json")));
            assertThat(event.get("eventId").asText()).isEqualTo(id(2));
            assertThat(event.get("payload").get("carrier").asText()).isEqualTo("DHL");
            assertThat(event.get("position").asLong()).isEqualTo(2);
            assertThat(event.has("hash")).isFalse();
        }

        @Test
        void a_failing_event_is_retried_then_dead_lettered_with_its_stderr_and_parks_its_aggregate()
                throws IOException {
            // given
            Files.writeString(dir.resolve("fail-ids.txt"), id(1) + "\n");

            // when
            ProcessReport report = f.process("notify");

            // then
            assertThat(report.deadLettered()).isEqualTo(1);
            assertThat(report.parked()).isEqualTo(1);
            assertThat(report.applied()).isEqualTo(1);
            List<DeadLetter> letters = f.letters("notify");
            assertThat(letters).extracting(DeadLetter::position).containsExactly(1L, 3L);
            assertThat(letters.get(0).attempts()).isEqualTo(2);
            assertThat(letters.get(0).error()).isEqualTo("exit 3: refusing " + id(1));
            // two attempts of the failing event, one of y; x's second event was not attempted
            assertThat(Files.readAllLines(dir.resolve("delivered.log")))
                    .containsExactly("notify 1 " + id(1), "notify 1 " + id(1), "notify 2 " + id(2));
        }

        @Test
        void once_the_cause_is_gone_a_retry_delivers_the_aggregate_in_order() throws IOException {
            // given
            Files.writeString(dir.resolve("fail-ids.txt"), id(1) + "\n");
            f.process("notify");
            Files.delete(dir.resolve("fail-ids.txt"));
            Files.delete(dir.resolve("delivered.log"));

            // when
            RetryReport retry = f.retryAll();

            // then
            assertThat(retry.stillFailing()).isZero();
            assertThat(Files.readAllLines(dir.resolve("delivered.log")))
                    .containsExactly("notify 1 " + id(1), "notify 3 " + id(3));
            assertThat(f.letters("notify")).allMatch(l -> l.status() == DeadLetter.Status.RESOLVED);
        }

        @Test
        void a_command_past_its_timeout_is_killed_and_the_event_dead_lettered() {
            // when
            ProcessReport report = f.process("slow");

            // then: x's first event times out, x's second is parked behind it, y times out too
            assertThat(report.deadLettered()).isEqualTo(2);
            assertThat(f.letters("slow").get(0).error()).isEqualTo("timed out after 1s (killed): started");
        }
    }

    @Nested
    class when_a_plugin_handler_runs {

        @Test
        void the_events_it_returns_are_appended_and_its_exceptions_dead_letter_the_event() {
            // given
            HandlerPlugin audit = event -> {
                if (event.get("aggregateId").asText().equals("y")) {
                    throw new IllegalStateException("no audit for y");
                }
                return List.of(Json.parseTrusted("{\"eventType\": \"Audited\", \"aggregateType\": \"Audit\","
                        + " \"aggregateId\": \"a-" + event.get("position").asText() + "\"}"));
            };

            // when
            ProcessReport report = f.process("audit", 500, Map.of("test.Audit", audit));

            // then
            assertThat(report.emitted()).isEqualTo(2);
            assertThat(report.deadLettered()).isEqualTo(1);
            assertThat(f.letters("audit").get(0).error()).isEqualTo("java.lang.IllegalStateException: no audit for y");
            assertThat(f.store().byPosition(4).orElseThrow().aggregateId()).isEqualTo("a-1");
            assertThat(f.store().byPosition(5).orElseThrow().causationId()).isEqualTo(id(3));
        }
    }
}
