package dev.eventscope.process;

import dev.eventscope.engine.Workspace;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.QueryResult;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A store file and a model file in a directory, wired the way the CLI wires them (through a
 * {@link Workspace}), for in-process tests of processing.
 */
final class Fixture implements AutoCloseable {

    private final Path dir;
    private Workspace workspace;

    Fixture(Path dir, String model) {
        this.dir = dir;
        remodel(model);
    }

    Path dir() {
        return dir;
    }

    /** Replaces the model file (as a user who edits it between two commands). */
    void remodel(String model) {
        try {
            Files.writeString(dir.resolve("model.yaml"), model, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close();
        workspace = new Workspace(new Workspace.Settings(
                StoreLocator.file(dir.resolve("events.db")),
                dir.resolve("model.yaml"),
                null,
                StoreOptions.DEFAULT_BUSY_TIMEOUT,
                1 << 20));
    }

    Workspace workspace() {
        return workspace;
    }

    EventStore store() {
        return workspace.createStore();
    }

    void append(NewEvent... events) {
        for (NewEvent e : events) {
            store().append(List.of(e), ExpectedVersion.ANY);
        }
    }

    ProcessReport process(String name) {
        return process(name, 500);
    }

    ProcessReport process(String name, int batch) {
        return process(name, batch, Map.of());
    }

    ProcessReport process(String name, int batch, Map<String, HandlerPlugin> plugins) {
        EventStore s = store();
        return new Processor(
                        s,
                        workspace.eventSource(),
                        workspace.model().processor(name),
                        plugins,
                        Progress.NONE,
                        () -> false)
                .run(Processor.Options.once(batch));
    }

    DeadLetterQueue dlq() {
        EventStore s = store();
        return new DeadLetterQueue(s, workspace::eventSource, workspace::model, Map::of);
    }

    RetryReport retryAll() {
        return dlq().retry(new RetrySelection(null, true, null, null), false, Progress.NONE, () -> false);
    }

    RebuildReport rebuild(String name) {
        EventStore s = store();
        return new Rebuilder(s, workspace.eventSource(), workspace.model().projection(name), Progress.NONE, () -> false)
                .run(500);
    }

    List<DeadLetter> letters(String handler) {
        return store().requireProcessing().deadLetters().find(DeadLetterQuery.ALL.withHandler(handler));
    }

    /** The rows of {@code sql} as text, one "a|b|c" line per row. */
    List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        try (QueryResult r = store().requireReadModelQuery().query(sql)) {
            r.rows().forEach(row -> {
                List<String> cells = new ArrayList<>();
                row.forEach(v -> cells.add(String.valueOf(v)));
                out.add(String.join("|", cells));
            });
        }
        return out;
    }

    long checkpoint(String name) {
        return store().requireProcessing()
                .checkpoints()
                .get(name)
                .map(c -> c.position())
                .orElse(0L);
    }

    @Override
    public void close() {
        if (workspace != null) {
            workspace.close();
        }
    }
}
