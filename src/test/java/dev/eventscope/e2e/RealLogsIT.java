package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real event logs import cleanly, list their cases, import again without duplicates, verify,
 * and (the smaller one) round-trip through export. They live beside the repository in
 * {@code ../shared/data} (or {@code -Deventscope.data=DIR}); without them these tests are skipped.
 */
class RealLogsIT {

    @TempDir
    Path dir;

    private static Path log(String name) {
        Path file = Evs.dataDir().resolve(name);
        assumeTrue(Files.isRegularFile(file), "the real log " + file + " is not here");
        return file;
    }

    private static String summary(long imported, Path source, long present) {
        return "imported " + imported + " events from " + Pattern.quote(source.toString()) + " \\(" + present
                + " already present, 0 invalid skipped\\) in \\d+ transactions?, \\d+\\.\\d s\n";
    }

    private void importsWithItsCasesAndAgainWithoutDuplicates(String name, long events, long streams) {
        // given
        Path source = log(name);
        Evs evs = Evs.in(dir);

        // when
        Evs.Result first = evs.run("import", source.toString());
        Evs.Result again = evs.run("import", source.toString());
        Evs.Result listed = evs.run("streams", "-o", "csv");
        Evs.Result verify = evs.run("verify");

        // then
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stderr()).matches(summary(events, source, 0));
        assertThat(first.stdout()).isEmpty();
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.stderr()).matches(summary(0, source, events));
        assertThat(listed.stdoutLines()).hasSize((int) streams + 1);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).startsWith("ok: " + events + " events, hash chain intact");
    }

    @Test
    void the_permit_log_imports_8577_events_over_1434_cases() {
        importsWithItsCasesAndAgainWithoutDuplicates("receipt.ndjson", 8_577, 1_434);
    }

    @Test
    void the_fines_log_imports_390_events_over_100_fines() {
        importsWithItsCasesAndAgainWithoutDuplicates("roadtraffic.ndjson", 390, 100);
    }

    @Test
    void the_fines_log_round_trips_through_export_with_its_numbers_as_written() {
        // given
        Path source = log("roadtraffic.ndjson");
        Evs evs = Evs.in(dir);
        assertThat(evs.run("-q", "import", source.toString()).exitCode()).isZero();

        // when
        Evs.Result exported = evs.run("export");
        Evs.Result copied = evs.runWithInput(exported.stdout(), "--db", "copy.db", "import", "-");
        Evs.Result reexported = evs.run("--db", "copy.db", "export");

        // then
        assertThat(copied.exitCode()).as(copied.toString()).isZero();
        assertThat(withoutRecordTime(reexported.stdout())).isEqualTo(withoutRecordTime(exported.stdout()));
        assertThat(exported.stdoutLines().get(0)).contains("\"article\":157.0,\"points\":0.0");
    }

    private static List<String> withoutRecordTime(String export) {
        return export.lines()
                .map(line -> {
                    ObjectNode o = (ObjectNode) Json.parseTrusted(line);
                    o.remove("recordedAt");
                    return Json.write(o);
                })
                .toList();
    }
}
