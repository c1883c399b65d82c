package dev.eventscope.engine;

import dev.eventscope.copy.LogCopy;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.util.function.BooleanSupplier;

/**
 * {@code evs copy}: a faithful copy of the workspace's store into another store of either kind
 * ({@link LogCopy}). The source is opened for reading, the target for writing (created when
 * missing).
 */
public final class Copies {

    private final Workspace workspace;

    public Copies(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Copies what {@code target} lacks; with follow, until {@code stop}.
     *
     * @throws dev.eventscope.error.ConflictException when the logs diverged
     */
    public LogCopy.Report copy(
            StoreLocator target, LogCopy.Options options, LogCopy.Listener listener, BooleanSupplier stop)
            throws InterruptedException {
        EventStore source = workspace.readStore();
        try (EventStore to = workspace
                .stores()
                .open(new StoreOptions(
                        target, StoreOptions.Access.WRITE, workspace.settings().busyTimeout()))) {
            return new LogCopy(source, to, listener, stop).run(options);
        }
    }
}
