package dev.eventscope.engine;

import dev.eventscope.copy.LogCopy;
import dev.eventscope.error.UsageException;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code evs copy}: a faithful copy of the store into another store of either kind ({@link
 * LogCopy}). The source is opened for reading, the target for writing (created when missing).
 * Reached through {@link Engine#copies()}; one thread at a time, as its engine.
 */
public final class CopyService {

    private final Workspace workspace;

    CopyService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * What to copy into and how.
     *
     * @param target the target store as {@code --to} says it: a file path or a PostgreSQL URL
     * @param batch events per transaction of the target
     * @param follow after catching up, keep copying new events until {@code stop}
     * @param poll with follow: the longest wait for new events (the source may wake it sooner)
     * @param listener told of progress and of each round a followed copy ends
     * @param stop asked between batches and waits; true ends a followed copy
     */
    public record CopyOptions(
            String target, int batch, boolean follow, Duration poll, LogCopy.Listener listener, BooleanSupplier stop) {

        public CopyOptions {
            if (batch < 1) {
                throw new UsageException("--batch must be 1 or more, got " + batch, "pass --batch 5000");
            }
            poll = poll == null || poll.toMillis() < 10 ? Duration.ofMillis(10) : poll;
            listener = listener == null ? LogCopy.Listener.NONE : listener;
            stop = stop == null ? () -> false : stop;
        }
    }

    /** What a copy did, and the two stores it went between (without passwords). */
    public record Copied(String source, String target, LogCopy.Report report) {}

    /**
     * Copies what the target lacks; with follow, until stopped.
     *
     * @throws UsageException when the target names no store
     * @throws dev.eventscope.error.ConflictException when the logs diverged
     * @throws InterruptedException when the thread is interrupted while following
     */
    public Copied copy(CopyOptions options) throws InterruptedException {
        StoreLocator target = StoreLocator.parse(options.target(), "--to");
        EventStore source = workspace.readStore();
        StoreOptions targetOptions = new StoreOptions(
                target, StoreOptions.Access.WRITE, workspace.settings().busyTimeout());
        EventStore[] opened = new EventStore[1];
        Supplier<EventStore> open = () -> {
            if (opened[0] == null) {
                opened[0] = workspace.stores().open(targetOptions);
            }
            return opened[0];
        };
        try {
            // a missing store file is built aside and put in place complete (ADR 0235)
            ImportTarget into = workspace.stores().importTarget(targetOptions, open);
            LogCopy.Report report = new LogCopy(source, target, into, open, options.listener(), options.stop())
                    .run(new LogCopy.Options(options.batch(), options.follow(), options.poll()));
            return new Copied(workspace.settings().db().toString(), target.toString(), report);
        } finally {
            if (opened[0] != null) {
                opened[0].close();
            }
        }
    }
}
