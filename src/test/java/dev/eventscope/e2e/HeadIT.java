package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadIT {

    @TempDir
    Path dir;

    @Test
    void an_empty_store_has_head_0_without_a_hash() {
        Evs evs = Evs.in(dir);
        assertThat(evs.run("init").exitCode()).isZero();

        Evs.Result r = evs.run("head");

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("0:\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void the_head_is_the_last_position_and_its_stored_hash() {
        // given
        Evs evs = Evs.in(dir);
        Fixtures.importOrders(evs);
        String hash = Fixtures.column(dir.resolve("events.db"), "SELECT hash FROM events WHERE position = 4")
                .get(0);

        // when
        Evs.Result table = evs.run("head");
        Evs.Result json = evs.run("head", "-o", "ndjson");

        // then
        assertThat(table.stdout()).isEqualTo("4:" + hash + "\n");
        assertThat(json.stdout()).isEqualTo("{\"position\":4,\"hash\":\"" + hash + "\",\"events\":4}\n");
    }
}
