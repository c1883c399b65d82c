package dev.eventscope.engine;

import dev.eventscope.error.UsageException;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.process.ProcessReport;
import dev.eventscope.process.Processor;
import dev.eventscope.process.ReadModelQueries;
import dev.eventscope.process.RebuildReport;
import dev.eventscope.process.Rebuilder;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Processing the log: {@code process NAME} (a projection or handler from its checkpoint), {@code
 * project rebuild} (a read model from position 1, swapped in whole) and {@code query} (read-only
 * SQL over the read models). Needs a model, except a query without {@code catchUp}. Reached through
 * {@link Engine#processing()}; one thread at a time, as its engine.
 */
public final class ProcessService {

    private final Workspace workspace;

    ProcessService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * A run of one projection or handler of the model: events per transaction, whether to keep
     * going as events arrive ({@code follow}, looking every {@code poll}), when to stop (checked
     * between transactions; a stopped run says so in its report), and where progress goes.
     */
    public record ProcessOptions(
            String name, int batch, boolean follow, Duration poll, BooleanSupplier stop, Progress progress) {
        public ProcessOptions {
            stop = stop == null ? () -> false : stop;
            progress = progress == null ? Progress.NONE : progress;
        }

        Processor.Options processor() {
            return options(batch, follow, poll);
        }
    }

    /** Feeds the projection or handler the events after its checkpoint, through the upcasters. */
    public ProcessReport process(ProcessOptions o) {
        Processor.Options options = o.processor();
        ProcessorModel model = workspace.model().processor(o.name());
        var store = workspace.writeStore();
        return new Processor(store, workspace.eventSource(), model, workspace.handlerPlugins(), o.progress(), o.stop())
                .run(options);
    }

    /** A rebuild of one projection's read model: events per transaction, when to stop, where progress goes. */
    public record RebuildOptions(String name, int batch, BooleanSupplier stop, Progress progress) {
        public RebuildOptions {
            stop = stop == null ? () -> false : stop;
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /**
     * Builds the read model from position 1 into a new table and swaps it in with its checkpoint in
     * one transaction; a stopped rebuild leaves the old table as it was.
     */
    public RebuildReport rebuild(RebuildOptions o) {
        options(o.batch(), false, Duration.ofMillis(500));
        ProjectionModel projection = workspace.model().projection(o.name());
        var store = workspace.writeStore();
        return new Rebuilder(store, workspace.eventSource(), projection, o.progress(), o.stop()).run(o.batch());
    }

    /**
     * One read-only SELECT; with {@code catchUp} the projections it names are processed to the head
     * first (then {@code stop} and {@code progress} apply).
     */
    public record QueryOptions(String sql, boolean catchUp, BooleanSupplier stop, Progress progress) {
        public QueryOptions {
            stop = stop == null ? () -> false : stop;
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /**
     * The query's rows (close the answer when done), the projections caught up, and those the query
     * names that are behind the head.
     */
    public ReadModelQueries.Answer query(QueryOptions o) {
        var store = o.catchUp() ? workspace.writeStore() : workspace.readStore();
        var model = workspace.hasModel() ? workspace.model() : null;
        var queries = new ReadModelQueries(
                store, workspace.eventSource(), model, o.catchUp() ? workspace.handlerPlugins() : Map.of());
        return queries.run(o.sql(), o.catchUp(), Processor.Options.DEFAULT_BATCH, o.progress(), o.stop());
    }

    /** A run's options, with a usage error for values out of range (a batch of 0, a poll of 1 ms). */
    private static Processor.Options options(int batch, boolean follow, Duration poll) {
        try {
            return new Processor.Options(batch, follow, poll);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
