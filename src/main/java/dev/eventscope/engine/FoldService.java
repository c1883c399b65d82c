package dev.eventscope.engine;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Bisector;
import dev.eventscope.replay.Cuts;
import dev.eventscope.replay.Differ;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.replay.WhatIf;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Aggregate states at cuts: {@code state}, {@code replay}, {@code diff}, {@code bisect} and
 * {@code whatif}. Every one goes through the same fold ({@link TimeMachine}), so snapshots are used
 * (or not) by one rule and a change to folding is made once. Needs a model. Reached through {@link
 * Engine#folds()}; one thread at a time, as its engine.
 */
public final class FoldService {

    private final Workspace workspace;

    FoldService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * One aggregate's state: its id (and type, needed when several types use the id), the cut,
     * whether to keep the events applied ({@code explain}: those after the snapshot started from)
     * or every step from the first event ({@code timeline}, which never starts from a snapshot),
     * and how snapshots may be used.
     */
    public record StateOptions(
            String aggregateId,
            String aggregateType,
            CutSpec cut,
            boolean explain,
            boolean timeline,
            SnapshotUse snapshots) {
        public StateOptions {
            cut = cut == null ? CutSpec.LATEST : cut;
            snapshots = snapshots == null ? SnapshotUse.READ_AND_WRITE : snapshots;
        }
    }

    /** The state, the snapshot the fold started from (or why none), and any snapshot written after it. */
    public TimeMachine.StateResult state(StateOptions o) {
        TimeMachine.Steps steps = o.timeline()
                ? TimeMachine.Steps.TIMELINE
                : o.explain() ? TimeMachine.Steps.APPLIED : TimeMachine.Steps.NONE;
        Cut cut = cut(o.cut());
        return workspace
                .timeMachine()
                .state(
                        o.aggregateId(),
                        o.aggregateType(),
                        cut,
                        steps,
                        o.snapshots().policy());
    }

    /** Every aggregate's state: of one type (null: every type the model has), at a cut. */
    public record ReplayOptions(String aggregateType, CutSpec cut, SnapshotUse snapshots, Progress progress) {
        public ReplayOptions {
            cut = cut == null ? CutSpec.LATEST : cut;
            snapshots = snapshots == null ? SnapshotUse.READ_AND_WRITE : snapshots;
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /**
     * Hands every aggregate with an event inside the cut to {@code sink}, sorted by type and id,
     * after one read in position order; returns what the replay did.
     */
    public TimeMachine.ReplayResult replay(ReplayOptions o, Consumer<AggregateState> sink) {
        Cut cut = cut(o.cut());
        return workspace
                .timeMachine()
                .replay(o.aggregateType(), cut, o.snapshots().policy(), sink, o.progress());
    }

    /**
     * Two cuts of one aggregate, each written as {@code at:TIME}, {@code as-of:TIME},
     * {@code version:N}, {@code position:P}, {@code latest} or a bare time, joined by commas.
     */
    public record DiffOptions(String aggregateId, String aggregateType, String from, String to) {}

    /** The states at both cuts, the JSON Patch between them, and the events in between. */
    public Differ.Result diff(DiffOptions o) {
        Cuts cuts = new Cuts(workspace.settings().zone(), Instant.now());
        return new Differ(workspace.timeMachine())
                .diff(o.aggregateId(), o.aggregateType(), cuts.parse("--from", o.from()), cuts.parse("--to", o.to()));
    }

    /** A condition on the state (JSLT: {@code $state}, and the event as {@code .}) for one aggregate or all of a type. */
    public record BisectOptions(String aggregateId, String aggregateType, String when, CutSpec cut) {
        public BisectOptions {
            cut = cut == null ? CutSpec.LATEST : cut;
        }
    }

    /** The first event of one aggregate after which the condition holds. */
    public Bisector.Result bisect(BisectOptions o) {
        Cut cut = cut(o.cut());
        Bisector bisector = new Bisector(workspace.timeMachine());
        if (o.aggregateId() == null) {
            throw new UsageException("an aggregate ID is required (or --all with --aggregate-type)");
        }
        return bisector.bisect(o.aggregateId(), o.aggregateType(), o.when(), cut);
    }

    /**
     * For every aggregate of {@code aggregateType} ({@code aggregateId} must be null), the first
     * event after which the condition holds, handed to {@code sink} sorted by id; returns how many.
     */
    public long bisectAll(BisectOptions o, Consumer<Bisector.Result> sink) {
        Cut cut = cut(o.cut());
        Bisector bisector = new Bisector(workspace.timeMachine());
        if (o.aggregateId() != null) {
            throw new UsageException("--all covers every aggregate of a type: leave out the ID " + o.aggregateId());
        }
        return bisector.bisectAll(o.aggregateType(), o.when(), cut, sink);
    }

    /** One aggregate's history edited: events dropped, inserted after others, or replaced. */
    public record WhatIfOptions(String aggregateId, String aggregateType, CutSpec cut, List<Edit> edits) {
        public WhatIfOptions {
            cut = cut == null ? CutSpec.LATEST : cut;
            edits = List.copyOf(edits);
        }
    }

    /** The real and the hypothetical state at the cut, and the patch between them; never writes. */
    public WhatIf.Result whatIf(WhatIfOptions o) {
        Cut cut = cut(o.cut());
        return new WhatIf(workspace.timeMachine(), workspace.settings().readOptions())
                .whatIf(o.aggregateId(), o.aggregateType(), cut, o.edits());
    }

    /**
     * Reads {@code spec} as a call would, for a front end that checks its input before it writes
     * anything (a header, the start of a JSON array).
     *
     * @throws dev.eventscope.error.UsageException for bad values or options that do not combine
     */
    public void checkCut(CutSpec spec) {
        cut(spec);
    }

    private Cut cut(CutSpec spec) {
        return spec.cut(workspace.settings().zone(), Instant.now());
    }
}
