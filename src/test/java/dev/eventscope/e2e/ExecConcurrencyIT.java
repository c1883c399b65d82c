package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.decide.Outcome;
import dev.eventscope.engine.CommandService;
import dev.eventscope.engine.CutSpec;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.Workspace;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two processes exec commands against one aggregate at once, each with {@code --retry}: every
 * command is appended exactly once, no update is lost, and every decision was taken against the
 * state it saw, which replaying each decision at the position just before its event shows; on
 * both backends.
 */
@Isolated("two writers race each other; other tests' processes would only slow them down")
class ExecConcurrencyIT {

    private static final int WRITERS = 2;
    // enough for both processes to run at once for a while after their JVMs have started
    private static final int COMMANDS_PER_WRITER = Integer.getInteger("eventscope.exec.commands", 150);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Backend.class)
    void two_writers_with_retry_lose_no_update_and_every_decision_replays_to_its_event(Backend backend)
            throws Exception {
        // given: a counter, and a file of increments for each writer
        Path model = Evs.baseDir().resolve("src/test/resources/commands/counter.yaml");
        Backend.Store store = backend.newStore(dir, "events.db");
        Evs evs = Evs.in(dir).withEnv("EVENTSCOPE_DB", store.db()).withEnv("EVENTSCOPE_BUSY_TIMEOUT_MS", "60000");
        assertThat(evs.run("init").exitCode()).isZero();
        Map<String, JsonNode> commands = new HashMap<>();
        for (int w = 1; w <= WRITERS; w++) {
            StringBuilder file = new StringBuilder("[");
            for (int i = 1; i <= COMMANDS_PER_WRITER; i++) {
                String id = "w" + w + "-" + i;
                String command = "{\"commandType\":\"Increment\",\"commandId\":\"" + id + "\",\"payload\":"
                        + "{\"counter\":\"c-1\"},\"metadata\":{\"userId\":\"writer-" + w + "\"}}";
                commands.put(id, Json.parseTrusted(command));
                file.append(i > 1 ? "," : "").append(command);
            }
            Fixtures.write(dir, "writer-" + w + ".json", file.append(']').toString());
        }

        // when: both run at once, each its commands in order, deciding again after a conflict
        List<Process> writers = new ArrayList<>();
        for (int w = 1; w <= WRITERS; w++) {
            writers.add(evs.start(
                    dir.resolve("out-" + w),
                    dir.resolve("err-" + w),
                    "--model",
                    model.toString(),
                    "exec",
                    "--file",
                    "writer-" + w + ".json",
                    "--retry",
                    "1000",
                    "-o",
                    "ndjson"));
        }
        for (int w = 1; w <= WRITERS; w++) {
            Process p = writers.get(w - 1);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue())
                    .as(Files.readString(dir.resolve("err-" + w), StandardCharsets.UTF_8))
                    .isZero();
        }

        // then: every command was accepted and appended, some after deciding again
        long attempts = 0;
        for (int w = 1; w <= WRITERS; w++) {
            List<String> lines = Files.readAllLines(dir.resolve("out-" + w));
            assertThat(lines).hasSize(COMMANDS_PER_WRITER);
            for (String line : lines) {
                JsonNode o = Json.parseTrusted(line);
                assertThat(o.get("outcome").asText()).isEqualTo("accepted");
                assertThat(o.get("written").asBoolean()).isTrue();
                attempts += o.get("attempts").asLong();
            }
        }
        System.out.println(
                "ExecConcurrencyIT: " + WRITERS * COMMANDS_PER_WRITER + " commands decided " + attempts + " times");

        // and the counter's stream holds one event per command, each counting on from the one before it
        List<String> rows =
                store.column("SELECT stream_version || ' ' || position || ' ' || causation_id || ' ' || event_id || ' '"
                        + " || json_extract(payload, '$.from') || ' ' || json_extract(payload, '$.to') FROM events"
                        + " ORDER BY stream_version");
        assertThat(rows).hasSize(WRITERS * COMMANDS_PER_WRITER);
        List<String> causes = new ArrayList<>();
        for (int v = 1; v <= rows.size(); v++) {
            String[] f = rows.get(v - 1).split(" ");
            assertThat(Long.parseLong(f[0])).isEqualTo(v);
            assertThat(f[4]).as("from of version " + v).isEqualTo(Integer.toString(v - 1));
            assertThat(f[5]).as("to of version " + v).isEqualTo(Integer.toString(v));
            causes.add(f[2]);
        }
        assertThat(causes).containsExactlyInAnyOrderElementsOf(commands.keySet());

        // and every decision, taken again at the position just before its event, decides that event
        try (Engine engine = Engine.open(new Workspace.Settings(
                store.locator(), model, ZoneOffset.UTC, Duration.ofSeconds(60), EventJson.DEFAULT_MAX_PAYLOAD))) {
            for (String row : rows) {
                String[] f = row.split(" ");
                long position = Long.parseLong(f[1]);
                var command = engine.commands().read(commands.get(f[2]), null, "test");
                List<Outcome> replayed = engine.commands()
                        .exec(
                                new CommandService.ExecOptions(
                                        command, new CutSpec(null, null, null, position - 1), false, 0),
                                o -> {});
                Outcome o = replayed.get(0);
                assertThat(o.status()).isEqualTo(Outcome.Status.ACCEPTED);
                assertThat(o.version()).isEqualTo(Long.parseLong(f[0]) - 1);
                assertThat(o.decided()).singleElement().satisfies(e -> {
                    assertThat(e.eventId()).hasToString(f[3]);
                    assertThat(e.payload().node().get("from").asLong()).isEqualTo(Long.parseLong(f[4]));
                });
            }
        }

        // and the command line replays a decision the same way
        String[] last = rows.get(rows.size() - 1).split(" ");
        Evs.Result r = evs.run(
                "--model",
                model.toString(),
                "exec",
                "Increment",
                "--payload",
                "{\"counter\":\"c-1\"}",
                "--command-id",
                last[2],
                "--position",
                Long.toString(Long.parseLong(last[1]) - 1),
                "-o",
                "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode event = Json.parseTrusted(r.stdout()).get("events").get(0);
        assertThat(event.get("eventId").asText()).isEqualTo(last[3]);
        assertThat(event.get("payload").get("from").asText()).isEqualTo(last[4]);
    }
}
