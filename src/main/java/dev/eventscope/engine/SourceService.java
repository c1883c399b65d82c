package dev.eventscope.engine;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.error.UsageException;
import dev.eventscope.ingest.SourceImportReport;
import dev.eventscope.ingest.SourceImporter;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.source.SourceDatabase;
import dev.eventscope.source.SourceFeed;
import dev.eventscope.source.SourceKind;
import dev.eventscope.source.SourceOptions;
import dev.eventscope.source.SqlMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code import --from KIND SOURCE}: reading another event store's tables into ours, once, as a
 * dry run, or following the source as it grows (ADR 0162). Reached through {@link
 * Engine#sources()}; one thread at a time, as its engine.
 */
public final class SourceService {

    private final Workspace workspace;

    SourceService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * An import from another store.
     *
     * @param kind the store's kind as typed ({@code emmett}, …)
     * @param source a {@code postgresql://} URL or a SQLite file
     * @param schema the schema holding the store's tables (null: the store's default, or the URL's)
     * @param table the events table when the store lets users rename it (null: its default)
     * @param mapping the mapping file of an {@code sql} source (null for the other kinds)
     * @param name what names the source in {@code importedFrom.source} (null: the file's name, or
     *     HOST:PORT/DATABASE, with the schema, table and mapping file when given)
     * @param validate whether to check the model's JSON Schemas
     * @param maxPayloadBytes the payload limit
     * @param previewEvents how many events a dry run shows
     * @param progress where progress goes
     */
    public record ImportFromOptions(
            String kind,
            String source,
            String schema,
            String table,
            Path mapping,
            String name,
            boolean validate,
            int maxPayloadBytes,
            int previewEvents,
            Progress progress) {
        public ImportFromOptions {
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /** Imports what is new in the source since the last run from it. */
    public SourceImportReport importFrom(ImportFromOptions options) {
        try (Opened o = open(options)) {
            return o.importer.run(o.source, resume(o), workspace::importTarget, o.shown);
        }
    }

    /** What {@link #importFrom} would import, without writing anything (the store is only read). */
    public SourceImportReport dryRun(ImportFromOptions options) {
        try (Opened o = open(options)) {
            return o.importer.dryRun(o.source, resume(o), o.shown);
        }
    }

    /**
     * Imports what is new, then again every {@code poll} until {@code stop} says so or the thread is
     * interrupted: a local mirror of the source. Each pass is one import, reported to {@code each}.
     */
    public void follow(
            ImportFromOptions options, Duration poll, Consumer<SourceImportReport> each, BooleanSupplier stop)
            throws InterruptedException {
        try (Opened o = open(options)) {
            while (true) {
                each.accept(o.importer.run(o.source, resume(o), workspace::importTarget, o.shown));
                long until = System.nanoTime() + poll.toNanos();
                while (System.nanoTime() < until) {
                    if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
            }
        }
    }

    private Optional<SourceImporter.Resume> resume(Opened o) {
        if (!workspace.stores().exists(workspace.settings().db())) {
            return Optional.empty();
        }
        return SourceImporter.lastImported(workspace.readStore(), o.source.kind(), o.source.name());
    }

    private record Opened(SourceImporter importer, SourceImporter.Source source, String shown)
            implements AutoCloseable {
        @Override
        public void close() {
            source.feed().close();
        }
    }

    private Opened open(ImportFromOptions options) {
        SourceKind kind = SourceKind.parse(options.kind());
        SqlMapping mapping = null;
        if (kind == SourceKind.SQL) {
            if (options.mapping() == null) {
                throw new UsageException(
                        "--from sql needs a mapping file", "pass --mapping FILE (see 'evs import --help')");
            }
            mapping = SqlMapping.parse(options.mapping().toString(), readMapping(options.mapping()));
        } else if (options.mapping() != null) {
            throw new UsageException(
                    "--mapping is for --from sql; " + kind.cliName() + " sources are read by their own layout",
                    "leave out --mapping, or use --from sql");
        }
        if (options.table() != null && kind == SourceKind.SQL) {
            throw new UsageException("--from sql takes its table from the mapping file", "leave out --table");
        }
        SourceDatabase db = SourceDatabase.open(options.source());
        try {
            String schema = options.schema() != null ? options.schema() : db.schema();
            String name = options.name() != null ? options.name() : defaultName(db, schema, options, mapping);
            if (name.isBlank()) {
                throw new UsageException("--source-name is empty", "give the source a name, or leave it out");
            }
            SourceOptions so = new SourceOptions(kind, db.dialect(), schema, options.table(), name);
            SourceFeed feed = SourceFeed.of(db, so, mapping);
            var importer = new SourceImporter(
                    new SourceImporter.Options(
                            new dev.eventscope.event.EventJson.ReadOptions(
                                    workspace.settings().zone(), options.maxPayloadBytes()),
                            workspace.validator(!options.validate()),
                            options.previewEvents()),
                    options.progress());
            return new Opened(
                    importer, new SourceImporter.Source(feed, kind, name), kind.cliName() + " source " + db.shown());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static String defaultName(SourceDatabase db, String schema, ImportFromOptions o, SqlMapping mapping) {
        StringBuilder b = new StringBuilder(db.label());
        if (schema != null) {
            b.append('/').append(schema);
        }
        if (o.table() != null) {
            b.append('/').append(o.table());
        }
        if (mapping != null) {
            b.append('/').append(o.mapping().getFileName());
        }
        return b.toString();
    }

    private static String readMapping(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("no mapping file " + file, "check the path given to --mapping");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new dev.eventscope.error.InvalidInputException(
                    "the mapping file " + file + " is not UTF-8 text", "save it as UTF-8");
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot read the mapping file " + file + ": " + e.getMessage(), "check the file's permissions");
        }
    }
}
