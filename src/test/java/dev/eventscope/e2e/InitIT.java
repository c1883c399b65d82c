package dev.eventscope.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitIT {

    @TempDir
    Path dir;

    @Test
    void init_creates_an_empty_store_and_a_second_init_leaves_it_alone() {
        // given
        Evs evs = Evs.in(dir);

        // when
        Evs.Result first = evs.run("init");
        Evs.Result second = evs.run("init");

        // then
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).isEqualTo("created store events.db\n");
        assertThat(first.stderr()).isEmpty();
        assertThat(second.exitCode()).isZero();
        assertThat(second.stdout()).isEqualTo("store events.db already exists (0 events)\n");
        assertThat(Fixtures.column(dir.resolve("events.db"), "PRAGMA application_id"))
                .containsExactly("1165382499");
    }

    @Test
    void init_honours_db_and_the_environment() {
        // when
        Evs.Result byOption = Evs.in(dir).run("--db", "a.db", "init");
        Evs.Result byEnv = Evs.in(dir).withEnv("EVENTSCOPE_DB", "b.db").run("init");

        // then
        assertThat(byOption.stdout()).isEqualTo("created store a.db\n");
        assertThat(byEnv.stdout()).isEqualTo("created store b.db\n");
        assertThat(dir.resolve("a.db")).exists();
        assertThat(dir.resolve("b.db")).exists();
        assertThat(dir.resolve("events.db")).doesNotExist();
    }
}
