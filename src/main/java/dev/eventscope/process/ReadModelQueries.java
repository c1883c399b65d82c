package dev.eventscope.process;

import dev.eventscope.model.Model;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.model.spi.HandlerPlugin;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.QueryResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code evs query}: read-only SQL over the read models. The projections whose tables the SQL
 * names are either brought to the head first ({@code --catch-up}, a read repair) or reported with
 * how far behind the head they are.
 */
public final class ReadModelQueries {

    private static final Pattern TABLE = Pattern.compile("\\brm_([a-z][a-z0-9_]*)");

    /**
     * How far a projection's table is behind the log.
     *
     * @param behind events after its checkpoint that it is fed (by their stored type)
     * @param parked its parked dead letters (events not in its rows)
     */
    public record Staleness(String projection, String table, long checkpoint, long head, long behind, long parked) {}

    /** The query's result, the projections caught up first, and those found behind. */
    public record Answer(QueryResult result, List<ProcessReport> caughtUp, List<Staleness> stale)
            implements AutoCloseable {
        @Override
        public void close() {
            result.close();
        }
    }

    private final EventStore store;
    private final EventSource source;
    private final Model model;
    private final Map<String, HandlerPlugin> plugins;

    /** @param model the model (null without one: then nothing is checked or caught up) */
    public ReadModelQueries(EventStore store, EventSource source, Model model, Map<String, HandlerPlugin> plugins) {
        this.store = store;
        this.source = source;
        this.model = model;
        this.plugins = plugins;
    }

    /** The projections of the model whose tables {@code sql} names, in the order it names them. */
    public List<ProjectionModel> projectionsIn(String sql) {
        List<ProjectionModel> out = new ArrayList<>();
        if (model == null) {
            return out;
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = TABLE.matcher(sql.toLowerCase(Locale.ROOT));
        while (m.find()) {
            names.add(m.group(1));
        }
        for (String name : names) {
            ProcessorModel p = model.processors().get(name);
            if (p instanceof ProjectionModel projection) {
                out.add(projection);
            }
        }
        return out;
    }

    /**
     * Runs {@code sql}; with {@code catchUp}, processes the projections it names to the head first
     * (which needs the store opened for writing).
     */
    public Answer run(String sql, boolean catchUp, int batch, Progress progress, BooleanSupplier stop) {
        List<ProcessReport> caughtUp = new ArrayList<>();
        List<Staleness> stale = new ArrayList<>();
        for (ProjectionModel p : projectionsIn(sql)) {
            if (catchUp) {
                caughtUp.add(
                        new Processor(store, source, p, plugins, progress, stop).run(Processor.Options.once(batch)));
            }
            long checkpoint = store.requireProcessing()
                    .checkpoints()
                    .get(p.name())
                    .map(Checkpoint::position)
                    .orElse(0L);
            long head = store.head().position();
            // by stored type: with upcasters the types it is fed may differ, so every event counts
            Set<String> types =
                    source.transform().isIdentity() && !p.subscription().allTypes()
                            ? p.subscription().eventTypes()
                            : Set.of();
            long behind = checkpoint < head ? store.requireProcessing().eventsAfter(checkpoint, types) : 0;
            if (behind > 0) {
                long parked = store.requireProcessing()
                        .deadLetters()
                        .find(DeadLetterQuery.ALL.withHandler(p.name()).withStatus(DeadLetter.Status.PARKED))
                        .size();
                stale.add(new Staleness(p.name(), p.table().name(), checkpoint, head, behind, parked));
            }
        }
        return new Answer(store.requireReadModelQuery().query(sql), caughtUp, stale);
    }
}
