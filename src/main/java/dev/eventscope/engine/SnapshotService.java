package dev.eventscope.engine;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.snapshot.SnapshotCatalog;
import dev.eventscope.snapshot.SnapshotCheck;
import dev.eventscope.snapshot.Snapshots;
import java.time.Instant;
import java.util.List;

/**
 * Managing snapshots: {@code snapshot create}, {@code list}, {@code prune} and {@code verify}.
 * Folds that use them are {@link FoldService}'s. Reached through {@link Engine#snapshots()}; one
 * thread at a time, as its engine.
 */
public final class SnapshotService {

    private final Workspace workspace;

    SnapshotService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Which aggregates to snapshot: one ({@code aggregateId}, with its type when ambiguous), every
     * one of {@code aggregateType}, or {@code all} the model has rules for; and the cut.
     */
    public record CreateOptions(String aggregateId, String aggregateType, boolean all, CutSpec cut) {
        public CreateOptions {
            if (all == (aggregateId != null || aggregateType != null)) {
                throw new UsageException(
                        all
                                ? "--all cannot be combined with an ID or --aggregate-type"
                                : "say which aggregates to snapshot",
                        "give an aggregate ID, --aggregate-type TYPE, or --all");
            }
            cut = cut == null ? CutSpec.LATEST : cut;
        }
    }

    /** Folds the aggregates to the cut and stores their states; lists what was written. */
    public Snapshots.CreateResult create(CreateOptions o) {
        Cut cut = o.cut().cut(workspace.settings().zone(), Instant.now());
        return workspace.snapshots(true).create(o.aggregateId(), o.aggregateType(), cut);
    }

    /** The stored snapshots of one aggregate, of a type, or all (nulls), by aggregate and newest first. */
    public List<SnapshotCatalog.Listed> list(String aggregateId, String aggregateType) {
        return workspace.snapshots(false).catalog().list(aggregateId, aggregateType);
    }

    /**
     * What to prune: all but the {@code keep} newest of each aggregate (null: no such limit),
     * those made under other rules ({@code stale}); only report with {@code dryRun}.
     */
    public record PruneOptions(Integer keep, boolean stale, boolean dryRun) {}

    /** Deletes the snapshots no longer wanted (or, dry, lists them). */
    public SnapshotCatalog.PruneResult prune(PruneOptions o) {
        return workspace.snapshots(!o.dryRun()).catalog().prune(o.keep(), o.stale(), o.dryRun());
    }

    /** Which snapshots to verify: of one aggregate, of a type, or {@code all} (the default). */
    public record VerifyOptions(String aggregateId, String aggregateType, boolean all) {
        public VerifyOptions {
            if (all && (aggregateId != null || aggregateType != null)) {
                throw new UsageException("--all cannot be combined with an ID or --aggregate-type");
            }
        }
    }

    /** Every snapshot under the current model compared with a fold from the first event. */
    public SnapshotCheck.Result verify(VerifyOptions o) {
        return workspace.snapshots(false).catalog().verify(o.aggregateId(), o.aggregateType());
    }
}
