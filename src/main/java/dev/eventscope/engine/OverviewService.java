package dev.eventscope.engine;

import dev.eventscope.model.Model;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.stats.StatsReport;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.DeadLetters;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.StoreHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of the whole store at a glance ({@code evs ui}'s overview): the health figures of
 * {@code stats}, events per minute over the last hour and day, the dead letters by status, every
 * projection and handler of the model with how far it is behind the head, and the chain head; and
 * the head position alone, cheap enough to ask several times a second (live pages). Reached
 * through {@link Engine#overview()}; one thread at a time, as its engine.
 */
public final class OverviewService {

    /** Minutes in the last hour and the last day: the buckets of the two rate charts. */
    public static final int HOUR_MINUTES = 60;

    public static final int DAY_MINUTES = 1_440;

    private final Workspace workspace;

    OverviewService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * A projection or handler of the model: its name and kind, its checkpoint (0 when it never ran),
     * when that was written (null: never), and how many events of the types it subscribes to come
     * after its checkpoint.
     */
    public record ProcessorLag(String name, String kind, long checkpoint, Instant updatedAt, long behind) {}

    /**
     * The overview at {@code at}.
     *
     * @param stats the figures of {@code stats} (heavy sections possibly reused from an earlier
     *     report, as {@code top} does)
     * @param lastHour events recorded in each minute of the last hour, oldest first
     * @param lastDay events recorded in each minute of the last day, oldest first
     * @param letters dead letters by status (every status present; zeros when the store keeps none)
     * @param processors the model's projections and handlers by name (empty without a model)
     * @param modelProblem why the model could not be read (null: it could, or there is none)
     */
    public record Overview(
            Instant at,
            StoreHead head,
            StatsReport stats,
            long[] lastHour,
            long[] lastDay,
            Map<DeadLetter.Status, Long> letters,
            List<ProcessorLag> processors,
            String modelProblem) {
        public Overview {
            letters = Map.copyOf(letters);
            processors = List.copyOf(processors);
        }
    }

    /**
     * Every figure of the overview at {@code now}; the heavy figures of {@code previous} (null: none)
     * are reused while they are fresh enough, by the rule of {@code top}.
     */
    public Overview overview(StatsReport previous, Instant now) {
        EventStore store = workspace.readStore();
        StatsReport stats = workspace.stats().refresh(previous, now);
        var rates = store.statistics();
        long[] hour = rates.recordedPerBucket(now, java.time.Duration.ofMinutes(1), HOUR_MINUTES);
        long[] day = rates.recordedPerBucket(now, java.time.Duration.ofMinutes(1), DAY_MINUTES);
        Map<DeadLetter.Status, Long> letters = new EnumMap<>(DeadLetter.Status.class);
        for (DeadLetter.Status s : DeadLetter.Status.values()) {
            letters.put(s, 0L);
        }
        Optional<ProcessingStore> processing = store.processing();
        if (processing.isPresent()) {
            for (DeadLetter letter : processing.get().deadLetters().find(DeadLetterQuery.ALL)) {
                letters.merge(letter.status(), 1L, Long::sum);
            }
        }
        List<ProcessorLag> processors = new ArrayList<>();
        String problem = null;
        if (workspace.hasModel()) {
            try {
                Model model = workspace.model();
                for (ProcessorModel p : model.processors().values()) {
                    processors.add(lag(processing, p));
                }
            } catch (dev.eventscope.error.EventscopeException e) {
                problem = e.getMessage();
            }
        }
        return new Overview(now, store.head(), stats, hour, day, letters, processors, problem);
    }

    private static ProcessorLag lag(Optional<ProcessingStore> processing, ProcessorModel p) {
        Optional<Checkpoint> checkpoint =
                processing.flatMap(s -> s.checkpoints().get(p.name()));
        long at = checkpoint.map(Checkpoint::position).orElse(0L);
        Set<String> types =
                p.subscription().allTypes() ? Set.of() : p.subscription().eventTypes();
        long behind = processing.map(s -> s.eventsAfter(at, types)).orElse(0L);
        return new ProcessorLag(
                p.name(), p.kind(), at, checkpoint.map(Checkpoint::updatedAt).orElse(null), behind);
    }

    /**
     * Figures of the dead-letter queue that change whenever a letter is parked, fails again, is
     * resolved or skipped ({@link DeadLetters.Changes#NONE} when the store keeps none): one
     * aggregate read, for live pages that show letters.
     */
    public DeadLetters.Changes letterChanges() {
        return workspace
                .readStore()
                .processing()
                .map(p -> p.deadLetters().changes())
                .orElse(DeadLetters.Changes.NONE);
    }

    /** The position of the last event, 0 in an empty store: one indexed read, for live pages. */
    public long headPosition() {
        return workspace.readStore().headPosition();
    }
}
