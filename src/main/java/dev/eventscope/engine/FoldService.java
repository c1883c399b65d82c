package dev.eventscope.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.decide.WhatIfCommands;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.lint.LintSettings;
import dev.eventscope.model.Model;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Bisector;
import dev.eventscope.replay.Cuts;
import dev.eventscope.replay.Differ;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.Folded;
import dev.eventscope.replay.Policy;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.replay.WhatIf;
import dev.eventscope.saga.SagaListing;
import dev.eventscope.saga.SagaQueries;
import dev.eventscope.saga.SagaView;
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

    /**
     * One aggregate's history edited: events dropped, inserted after others, replaced, or the events
     * a command decides inserted after one.
     */
    public record WhatIfOptions(String aggregateId, String aggregateType, CutSpec cut, List<Edit> edits) {
        public WhatIfOptions {
            cut = cut == null ? CutSpec.LATEST : cut;
            edits = List.copyOf(edits);
        }
    }

    /** The real and the hypothetical state at the cut, and the patch between them; never writes. */
    public WhatIf.Result whatIf(WhatIfOptions o) {
        Cut cut = cut(o.cut());
        TimeMachine machine = workspace.timeMachine();
        EventJson.ReadOptions read = workspace.settings().readOptions();
        return new WhatIf(machine, read, new WhatIfCommands(machine, read))
                .whatIf(o.aggregateId(), o.aggregateType(), cut, o.edits());
    }

    /**
     * Several aggregates' states at one cut, resolved once when the pin is taken: what a decision
     * reads (its target and the other aggregates its command type reads) so that they all show
     * the store at the same point. A stream without events inside the cut, or without any, is at
     * its aggregate's initial state, version 0.
     */
    public final class Pin {
        private final ResolvedCut resolved;
        private final Cut pinned;
        private final Policy policy;

        private Pin(ResolvedCut resolved, Policy policy) {
            this.resolved = resolved;
            // the record-time bound becomes the position it resolved to, so every state is read at it
            this.pinned = resolved.cut() instanceof Cut.At at
                    ? new Cut.At(at.validTime(), new Cut.UpToPosition(resolved.upTo()))
                    : new Cut.UpToPosition(resolved.upTo());
            this.policy = policy;
        }

        /** The cut as given, resolved to the highest position it admits. */
        public ResolvedCut cut() {
            return resolved;
        }

        /** The state of {@code stream} at the pinned cut. */
        public AggregateState state(StreamId stream) {
            TimeMachine machine = workspace.timeMachine();
            if (machine.store().currentVersion(stream) == 0) {
                JsonNode initial =
                        machine.model().aggregate(stream.aggregateType()).initial();
                return new AggregateState(
                        stream, machine.resolve(pinned), initial, Folded.initial(initial), false, List.of(), 0);
            }
            return machine.state(stream.aggregateId(), stream.aggregateType(), pinned, TimeMachine.Steps.NONE, policy)
                    .state();
        }
    }

    /**
     * A {@link Pin} at {@code spec} resolved now; folds through it use snapshots as {@code
     * snapshots} says. Needs a model.
     *
     * @throws UsageException for a stream-version cut, which names no point of other streams
     */
    public Pin pin(CutSpec spec, SnapshotUse snapshots) {
        Cut cut = cut(spec);
        if (cut instanceof Cut.Version) {
            throw new UsageException(
                    "a stream version is no cut of several aggregates", "use --at, --as-of or --position");
        }
        return new Pin(workspace.timeMachine().resolve(cut), snapshots.policy());
    }

    /**
     * Which saga instances to list ({@code saga list}): of these sagas (empty: every saga of the
     * model), at a cut, measured against {@code now} (a time; null: the cut's time, else the clock),
     * stuck after {@code stuckFor} without a pending deadline (a duration such as {@code 1h}; null:
     * each saga's {@code stuckAfter}), only those with {@code status} ({@code running}, {@code stuck}
     * or {@code ended}; null: all), at most {@code limit}.
     */
    public record SagaListOptions(
            List<String> sagas, CutSpec cut, String now, String stuckFor, String status, Integer limit) {
        public SagaListOptions {
            sagas = sagas == null ? List.of() : List.copyOf(sagas);
            cut = cut == null ? CutSpec.LATEST : cut;
        }
    }

    /**
     * The instances of the sagas, worked out from the events inside the cut through the same rules
     * and order as {@code process} (ADR 0180); never writes.
     */
    public SagaListing sagas(SagaListOptions o) {
        Instant clock = Times.nowMicros();
        SagaView.Status status;
        try {
            status = o.status() == null ? null : SagaView.Status.parse(o.status());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--status: " + e.getMessage(), "--status running, stuck or ended (or --stuck)");
        }
        return sagaQueries()
                .list(new SagaQueries.ListRequest(
                        o.sagas(),
                        o.cut().cut(workspace.settings().zone(), clock),
                        now(o.now(), clock),
                        o.stuckFor() == null ? null : LintSettings.duration("--stuck-for", o.stuckFor()),
                        status,
                        o.limit()));
    }

    /** One saga instance: the saga, the instance id, the cut, {@code now} and {@code stuckFor} as for {@link #sagas}. */
    public record SagaShowOptions(String saga, String instanceId, CutSpec cut, String now, String stuckFor) {
        public SagaShowOptions {
            cut = cut == null ? CutSpec.LATEST : cut;
        }
    }

    /** One instance with its timeline: each event it took, the state after it, what it emitted, its deadlines. */
    public SagaQueries.Shown saga(SagaShowOptions o) {
        Instant clock = Times.nowMicros();
        return sagaQueries()
                .show(
                        o.saga(),
                        o.instanceId(),
                        o.cut().cut(workspace.settings().zone(), clock),
                        now(o.now(), clock),
                        o.stuckFor() == null ? null : LintSettings.duration("--stuck-for", o.stuckFor()));
    }

    /** One saga instance's history edited: the saga, the instance id, the cut, {@code now} as for {@link #sagas}, the edits. */
    public record SagaWhatIfOptions(String saga, String instanceId, CutSpec cut, String now, List<Edit> edits) {
        public SagaWhatIfOptions {
            cut = cut == null ? CutSpec.LATEST : cut;
            edits = List.copyOf(edits);
        }
    }

    /**
     * The instance as it went and as it would have gone under the edits (events dropped, inserted,
     * replaced), both worked out the same way; never writes.
     */
    public SagaQueries.WhatIfResult whatIfSaga(SagaWhatIfOptions o) {
        Instant clock = Times.nowMicros();
        return sagaQueries()
                .whatIf(
                        o.saga(),
                        o.instanceId(),
                        o.cut().cut(workspace.settings().zone(), clock),
                        now(o.now(), clock),
                        o.edits(),
                        workspace.settings().readOptions());
    }

    private SagaQueries sagaQueries() {
        Model m = workspace.model();
        return new SagaQueries(workspace.readStore(), workspace.eventSource(), m);
    }

    private Instant now(String text, Instant clock) {
        return text == null ? null : new Cuts(workspace.settings().zone(), clock).time("--now", text);
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
