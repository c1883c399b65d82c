package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evs lint} through the jar, on the orders sample (it has one deliberately broken causation link). */
class LintIT {

    @TempDir
    static Path dir;

    static Evs evs;
    static String model;

    @BeforeAll
    static void import_the_orders_sample() {
        evs = Evs.in(dir);
        Path orders = Evs.baseDir().resolve("samples/orders");
        model = orders.resolve("eventscope.yaml").toString();
        Evs.Result imported =
                evs.run("-q", "import", orders.resolve("events.ndjson").toString());
        assertThat(imported.exitCode()).as("%s", imported).isZero();
    }

    @Test
    void the_orphan_causation_link_is_an_error_finding_and_exits_1() {
        // when
        Evs.Result r = evs.run("--model", model, "lint");

        // then
        assertThat(r.exitCode()).as("%s", r).isEqualTo(1);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout())
                .startsWith("RULE                 SEVERITY  COUNT  WHAT\n")
                .containsPattern("dangling-causation +error +1 ")
                .contains("\ndangling-causation (error): 1 event\n  position ")
                .endsWith("418 events checked by 10 rules: 1 error, 0 warning, 1 info (exit 1)\n");
    }

    @Test
    void selected_rules_as_json_for_ci_exit_0_when_no_error_is_found() throws Exception {
        // when
        Evs.Result r = evs.run(
                "--model",
                model,
                "lint",
                "--rule",
                "time-backwards,unknown-type",
                "--rule",
                "large-payload",
                "-o",
                "json");

        // then
        assertThat(r.exitCode()).as("%s", r).isZero();
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        assertThat(json.get("events").asLong()).isEqualTo(418);
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("findings").findValuesAsText("rule"))
                .containsExactly("large-payload", "time-backwards", "unknown-type");
        assertThat(json.get("findings").get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(json.get("skipped")).isEmpty();
    }

    @Test
    void without_a_model_the_model_rules_are_skipped_with_a_note() {
        Evs.Result r = evs.run("lint", "--rule", "unknown-type", "--rule", "record-lag", "--max-record-lag", "36500d");

        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout()).containsPattern("unknown-type +warning +- +skipped: no model");
    }

    @Test
    void an_unknown_rule_is_a_usage_error_listing_the_rules() {
        Evs.Result r = evs.run("lint", "--rule", "nope");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .isEqualTo("evs: no lint rule 'nope'\nhint: the rules are large-payload, missing-correlation,"
                        + " dangling-causation, time-backwards, unknown-type, no-upcast-path, not-past-tense,"
                        + " record-lag, repeated-payload, saga-never-ends\n");
    }
}
