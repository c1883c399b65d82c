package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.testing.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evs top} in a real terminal (tmux) on a SQLite store and on its faithful PostgreSQL copy:
 * the same totals on both, and each screen follows an append made by another process (issue 18).
 * It needs tmux, which {@code .ci/run} installs; without it the test fails.
 */
class TopOnBothBackendsIT {

    static final TestPostgres SERVER = TestPostgres.shared();

    @TempDir
    Path dir;

    static Evs.Result ok(Evs.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    /** The lines of a screen's section, from its title to the blank line after it. */
    static String section(String screen, String title) {
        List<String> lines = screen.lines().toList();
        int start = lines.indexOf(title);
        assertThat(start).as(screen).isNotNegative();
        StringBuilder section = new StringBuilder();
        for (int i = start; i < lines.size() && !lines.get(i).isBlank(); i++) {
            section.append(lines.get(i).stripTrailing()).append('\n');
        }
        return section.toString();
    }

    @Test
    void top_shows_the_same_totals_on_both_backends_and_follows_another_process_appending() throws Exception {
        // given: the orders sample in a file, and the same log in a PostgreSQL schema
        String file = dir.resolve("orders.db").toString();
        String url = SERVER.url(TestPostgres.newSchema());
        Evs evs = Evs.in(dir);
        ok(evs.run(
                "--db",
                file,
                "import",
                Evs.baseDir().resolve("samples/orders/events.ndjson").toString()));
        ok(evs.run("--db", file, "copy", "--to", url));
        List<String> totals = new ArrayList<>();
        for (String db : List.of(file, url)) {
            try (Tmux tmux = Tmux.start(dir, evs.commandLine("--db", db, "top"))) {
                // when
                String screen = tmux.waitFor("head 418");
                totals.add(section(screen, "Totals"));
                assertThat(screen.lines().findFirst().orElseThrow()).contains(db);
                ok(evs.run(
                        "--db",
                        db,
                        "append",
                        "--type",
                        "OrderShipped",
                        "--aggregate-type",
                        "Order",
                        "--aggregate-id",
                        "order-0007",
                        "--payload",
                        "{\"carrier\":\"DHL\"}"));

                // then
                assertThat(section(tmux.waitFor("head 419"), "Totals")).contains("events             419");
            }
        }
        assertThat(totals.get(1)).isEqualTo(totals.get(0)).contains("events             418");
    }
}
