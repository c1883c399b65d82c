package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command lines as a newcomer types them (issue 23, items 4 and 5): a command's options before its
 * name, and a command that does not exist.
 */
class CommandLineIT {

    @TempDir
    static Path dir;

    static Evs evs;

    @BeforeAll
    static void theOrdersSample() {
        evs = Evs.in(dir)
                .withEnv(
                        "EVENTSCOPE_MODEL",
                        Evs.baseDir().resolve("samples/orders/eventscope.yaml").toString());
        Evs.Result r = evs.run(
                "-q",
                "import",
                Evs.baseDir().resolve("samples/orders/events.ndjson").toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    @Test
    void an_output_format_before_the_command_applies_to_it() {
        // when
        Evs.Result before = evs.run("-o", "ndjson", "events", "--type", "PaymentFailed");
        Evs.Result after = evs.run("events", "--type", "PaymentFailed", "-o", "ndjson");

        // then
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.stdout()).isEqualTo(after.stdout()).startsWith("{\"eventId\":\"631d1d3b-");
        assertThat(before.stdoutLines()).hasSize(10);
    }

    @Test
    void a_cut_before_the_command_applies_to_it() {
        // when
        Evs.Result before = evs.run("--at", "2024-01-16T00:00:00Z", "state", "order-0007", "-o", "ndjson");
        Evs.Result after = evs.run("state", "order-0007", "--at", "2024-01-16T00:00:00Z", "-o", "ndjson");

        // then
        assertThat(before.exitCode()).as(before.toString()).isZero();
        assertThat(before.stdout()).isEqualTo(after.stdout()).contains("\"status\":\"PLACED\"");
    }

    @Test
    void an_unknown_command_is_named_with_the_commands_it_is_close_to() {
        // when
        Evs.Result r = evs.run("stat");

        // then
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .isEqualTo("evs: unknown command 'stat'; did you mean 'state' or 'stats'?\nhint: see 'evs --help'\n");
    }

    @Test
    void version_as_a_command_points_at_the_option() {
        // when
        Evs.Result r = evs.run("version");

        // then
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .isEqualTo("evs: unknown command 'version'; did you mean --version?\nhint: see 'evs --help'\n");
    }
}
