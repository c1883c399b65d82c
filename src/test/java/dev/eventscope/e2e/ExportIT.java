package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportIT {

    private static final String SAMPLE =
            Evs.baseDir().resolve("samples/orders/events.ndjson").toString();

    @TempDir
    Path dir;

    private Evs evs;

    @BeforeEach
    void theSample() {
        evs = Evs.in(dir);
        Evs.Result r = evs.run("-q", "import", SAMPLE);
        assertThat(r.exitCode()).as(r.toString()).isZero();
    }

    /** The export's lines without {@code recordedAt}, the one field a new store sets anew. */
    private static List<String> withoutRecordTime(String export) {
        return export.lines()
                .map(line -> {
                    ObjectNode o = (ObjectNode) Json.parseTrusted(line);
                    assertThat(o.remove("recordedAt")).isNotNull();
                    return Json.write(o);
                })
                .toList();
    }

    @Test
    void export_then_import_into_a_new_store_reproduces_every_event() {
        // given
        Evs.Result exported = evs.run("export");
        assertThat(exported.exitCode()).as(exported.toString()).isZero();
        assertThat(exported.stderr()).matches("exported 418 events in \\d+\\.\\d s\n");
        Fixtures.write(dir, "export.ndjson", exported.stdout());

        // when
        Evs.Result imported = evs.run("--db", "copy.db", "import", "export.ndjson");
        Evs.Result again = evs.run("--db", "copy.db", "import", "export.ndjson");
        Evs.Result reexported = evs.run("--db", "copy.db", "export");

        // then
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.stderr()).startsWith("imported 418 events from export.ndjson (0 already present");
        assertThat(again.stderr()).startsWith("imported 0 events from export.ndjson (418 already present");
        assertThat(exported.stdoutLines()).hasSize(418);
        assertThat(withoutRecordTime(reexported.stdout())).isEqualTo(withoutRecordTime(exported.stdout()));
    }

    @Test
    void export_pipes_into_import_from_standard_input() {
        // given
        Evs.Result exported = evs.run("export", "--aggregate-type", "Order", "--type", "OrderPlaced");

        // when
        Evs.Result imported = evs.runWithInput(exported.stdout(), "--db", "orders.db", "import", "-");

        // then
        assertThat(exported.stdoutLines()).hasSize(80);
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.stderr())
                .matches(Pattern.compile("imported 80 events from standard input \\(0 already present, 0 invalid"
                        + " skipped\\) in \\d+ transactions?, \\d+\\.\\d s\n"));
    }

    @Test
    void a_filtered_export_of_a_later_part_of_a_stream_cannot_land_in_an_empty_store() {
        // given: the second half of one stream, whose streamVersion fields start above 1
        Evs.Result exported = evs.run(
                "export", "--aggregate-type", "Inventory", "--aggregate-id", "SKU-01", "--from-position", "200");

        // when
        Evs.Result imported = evs.runWithInput(exported.stdout(), "--db", "part.db", "import", "-");

        // then
        assertThat(imported.exitCode()).isEqualTo(3);
        assertThat(imported.stderr()).contains("cannot land: the stream is at 0, so the next event is version 1");
    }
}
