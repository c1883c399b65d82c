package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.error.Failure;
import dev.eventscope.error.StoreIoException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlite.NativeLibraryNotFoundException;

class SqlErrorsTest {

    /**
     * Regression: with java.io.tmpdir on a noexec mount the driver cannot load the library it
     * extracted there; that was reported as an internal error ("a bug in Eventscope", exit 70).
     */
    @Test
    void a_native_library_that_cannot_be_loaded_from_a_noexec_temp_directory_is_an_io_failure_with_a_hint() {
        // given: what the driver throws when it finds no loadable library
        SQLException e = new SQLException("Error opening connection");
        e.initCause(new NativeLibraryNotFoundException("No native library found for os.name=Linux"));

        // when
        RuntimeException translated = SqlErrors.translate(e, "opening the store", Path.of("events.db"));

        // then
        assertThat(translated).isInstanceOf(StoreIoException.class);
        StoreIoException io = (StoreIoException) translated;
        assertThat(io.failure()).isEqualTo(Failure.IO);
        assertThat(io.getMessage())
                .startsWith("cannot load SQLite's native library: it is extracted to ")
                .contains("noexec");
        assertThat(io.hint())
                .hasValueSatisfying(h -> assertThat(h).contains("scripts/evs").contains("-Dorg.sqlite.tmpdir"));
    }
}
