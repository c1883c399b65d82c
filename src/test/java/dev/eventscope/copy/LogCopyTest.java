package dev.eventscope.copy;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.engine.StoreAdapters;
import dev.eventscope.error.ConflictException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A faithful copy: the same log, resumed where the target ends, refused when the logs diverged. */
class LogCopyTest {

    @TempDir
    Path dir;

    final List<EventStore> opened = new ArrayList<>();
    EventStore source;
    EventStore target;

    EventStore open(String name) {
        EventStore s = new StoreAdapters()
                .open(new StoreOptions(
                        StoreLocator.file(dir.resolve(name)),
                        StoreOptions.Access.WRITE,
                        StoreOptions.DEFAULT_BUSY_TIMEOUT));
        opened.add(s);
        return s;
    }

    @BeforeEach
    void stores() {
        source = open("source.db");
        target = open("target.db");
        for (int i = 0; i < 7; i++) {
            append(source, "E" + i);
        }
    }

    @AfterEach
    void close() {
        opened.forEach(EventStore::close);
    }

    static void append(EventStore s, String type) {
        s.append(List.of(event(type).build()), ExpectedVersion.ANY);
    }

    static List<RecordedEvent> all(EventStore s) {
        try (Stream<RecordedEvent> e = s.read(EventQuery.ALL)) {
            return e.toList();
        }
    }

    LogCopy.Report copy(int batch) throws InterruptedException {
        return new LogCopy(source, target, LogCopy.Listener.NONE, () -> false)
                .run(new LogCopy.Options(batch, false, Duration.ofMillis(10)));
    }

    @Test
    void a_copy_is_the_same_log_in_batches() throws Exception {
        LogCopy.Report report = copy(3);
        assertThat(report.copied()).isEqualTo(7);
        assertThat(report.fromPosition()).isEqualTo(1);
        assertThat(report.toPosition()).isEqualTo(7);
        assertThat(all(target)).isEqualTo(all(source));
        assertThat(target.head()).isEqualTo(source.head());
    }

    @Test
    void run_again_it_copies_only_what_the_target_lacks() throws Exception {
        copy(100);
        append(source, "Later");
        LogCopy.Report again = copy(100);
        assertThat(again.copied()).isEqualTo(1);
        assertThat(again.fromPosition()).isEqualTo(8);
        assertThat(all(target)).isEqualTo(all(source));
        assertThat(copy(100).copied()).isZero();
    }

    @Test
    void a_target_with_a_log_of_its_own_has_diverged_and_nothing_is_written() {
        append(target, "Own");
        assertThatThrownBy(() -> copy(100))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("the logs diverged: at position 1 the target's hash is ");
        assertThat(target.head().events()).isEqualTo(1);
    }

    @Test
    void a_target_ahead_of_the_source_has_diverged() throws Exception {
        copy(100);
        target.appendExactly(List.of());
        append(target, "OnlyInTheTarget");
        EventStore shorter = open("shorter.db");
        source = shorter;
        append(shorter, "E0");
        assertThatThrownBy(() -> copy(100))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("diverged");
    }

    LogCopy.Report copyInto(String name, int batch, java.util.function.BooleanSupplier stop)
            throws InterruptedException {
        StoreAdapters stores = new StoreAdapters();
        StoreOptions options = new StoreOptions(
                StoreLocator.file(dir.resolve(name)), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT);
        EventStore[] opened = new EventStore[1];
        java.util.function.Supplier<EventStore> openIt = () -> {
            if (opened[0] == null) {
                opened[0] = open(name);
            }
            return opened[0];
        };
        return new LogCopy(
                        source,
                        options.store(),
                        stores.importTarget(options, openIt),
                        openIt,
                        LogCopy.Listener.NONE,
                        stop)
                .run(new LogCopy.Options(batch, false, Duration.ofMillis(10)));
    }

    @Test
    void into_a_missing_file_the_copy_is_one_load_and_then_the_same_log() throws Exception {
        // when
        LogCopy.Report report = copyInto("new.db", 3, () -> false);

        // then
        assertThat(report.copied()).isEqualTo(7);
        assertThat(report.fromPosition()).isEqualTo(1);
        assertThat(report.toPosition()).isEqualTo(7);
        assertThat(report.head()).isEqualTo(source.head());
        EventStore copy = open("new.db");
        assertThat(all(copy)).isEqualTo(all(source));
        assertThat(copy.integrity().schemaProblems()).isEmpty();

        // and run again it goes on from there
        append(source, "Later");
        LogCopy.Report again = copyInto("new.db", 3, () -> false);
        assertThat(again.copied()).isEqualTo(1);
        assertThat(again.fromPosition()).isEqualTo(8);
        assertThat(all(copy)).isEqualTo(all(source));
    }

    @Test
    void a_load_stopped_between_batches_keeps_what_it_loaded() throws Exception {
        // given: stop asked before the second batch
        int[] asked = {0};

        // when
        LogCopy.Report report = copyInto("new.db", 3, () -> ++asked[0] > 1);

        // then
        assertThat(report.stopped()).isTrue();
        assertThat(report.copied()).isEqualTo(3);
        assertThat(report.head())
                .isEqualTo(new dev.eventscope.store.StoreHead(
                        3, source.byPosition(3).orElseThrow().hash(), 3));
        assertThat(open("new.db").integrity().schemaProblems()).isEmpty();
    }

    @Test
    void the_source_itself_is_no_target() {
        target = source;
        assertThatThrownBy(() -> copy(100)).isInstanceOf(UsageException.class);
    }
}
