package dev.eventscope.engine;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import dev.eventscope.inspect.EventLookup;
import dev.eventscope.model.Model;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.upcast.CheckReport;
import dev.eventscope.upcast.MigrationReport;
import dev.eventscope.upcast.Migrator;
import dev.eventscope.upcast.Preview;
import dev.eventscope.upcast.UpcastCheck;
import dev.eventscope.upcast.UpcastPreview;
import java.nio.file.Path;
import java.util.List;

/**
 * The upcaster chain over the stored events: {@code upcast check} (every event through the chain
 * and the latest schema), {@code upcast show} (one event, step by step) and {@code upcast migrate}
 * (a copy of the store with every event upcast). Needs a model. Reached through {@link
 * Engine#upcasts()}; one thread at a time, as its engine.
 */
public final class UpcastService {

    private final Workspace workspace;

    UpcastService(Workspace workspace) {
        this.workspace = workspace;
    }

    /** How many failures a check lists (all are counted), and where progress goes. */
    public record CheckOptions(int maxFailures, Progress progress) {

        /** Failures listed unless told otherwise. */
        public static final int DEFAULT_MAX_FAILURES = UpcastCheck.DEFAULT_SHOWN;

        public CheckOptions {
            if (maxFailures < 0) {
                throw new UsageException("--max-failures must be 0 or more, got " + maxFailures);
            }
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /** Every stored event through the chain and the latest schema; {@link CheckReport#ok()} when all pass. */
    public CheckReport check(CheckOptions options) {
        Model model = workspace.model();
        return new UpcastCheck(workspace.readStore(), model.upcasters(), model.validator())
                .run(options.maxFailures(), options.progress());
    }

    /**
     * The chain applied to the stored event with eventId or position {@code id}: as stored, after
     * each step, as finally read, its schema check, and the difference. A failing step ends the
     * preview and is in {@link Preview#failure()}; {@link #failure} is the error to report then.
     */
    public Preview show(String id) {
        Model model = workspace.model();
        return new UpcastPreview(model.upcasters(), model.validator())
                .of(EventLookup.stored(workspace.readStore(), id));
    }

    /** The error an upcaster failure on a previewed event is, naming the model to fix. */
    public InvalidInputException failure(Preview preview) {
        return new InvalidInputException(
                "the upcaster chain fails on the event at position "
                        + preview.stored().position(),
                List.of(preview.failure()),
                "fix the upcaster in " + workspace.model().name());
    }

    /**
     * A migration into the new store {@code target} (a file path or a PostgreSQL URL, as {@code
     * --to} takes it): replacing a file when it exists ({@code force}), or only reporting what would
     * change ({@code dryRun}); and where progress goes.
     */
    public record MigrateOptions(String target, boolean force, boolean dryRun, Progress progress) {
        public MigrateOptions {
            progress = progress == null ? Progress.NONE : progress;
        }

        /** A migration into a new store file. */
        public MigrateOptions(Path target, boolean force, boolean dryRun, Progress progress) {
            this(target.toString(), force, dryRun, progress);
        }
    }

    /**
     * Copies every event, upcast and validated, into a new store (verified, then renamed into place
     * in one step); the source is read as it is and never changed.
     */
    public MigrationReport migrate(MigrateOptions options) {
        Model model = workspace.model();
        return new Migrator(
                        workspace.readStoreAsIs(),
                        model.upcasters(),
                        model.validator(),
                        workspace.stores(),
                        options.progress())
                .run(new Migrator.Options(
                        StoreLocator.parse(options.target(), "--to"), options.force(), options.dryRun()));
    }
}
