package dev.eventscope.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.StreamId;
import dev.eventscope.replay.Fingerprints;
import dev.eventscope.store.SnapshotInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored snapshots as a whole: listing them with whether each fits the current model,
 * pruning old or stale ones, and checking each against a fold from the first event
 * ({@link SnapshotCheck}).
 */
public final class SnapshotCatalog {

    /** Deletions per transaction. */
    static final int BATCH = 500;

    /**
     * One snapshot and whether it was made under the current model's rules.
     *
     * @param current true or false; null when no model is configured to compare with
     */
    public record Listed(SnapshotInfo info, Boolean current) {

        /** The public JSON shape ({@code snapshot list -o json}): the snapshot and {@code current}. */
        public ObjectNode json() {
            ObjectNode o = info.json();
            if (current == null) {
                o.putNull("current");
            } else {
                o.put("current", current);
            }
            return o;
        }
    }

    /** A snapshot prune deleted (or, dry, would delete), and why. */
    public record Pruned(SnapshotInfo info, String reason) {

        /** The public JSON shape ({@code snapshot prune -o json}): the snapshot and the reason. */
        public ObjectNode json() {
            ObjectNode o = info.json();
            o.put("reason", reason);
            return o;
        }
    }

    /** What prune did: the snapshots deleted and how many are kept. */
    public record PruneResult(List<Pruned> pruned, long kept, boolean dryRun) {
        public PruneResult {
            pruned = List.copyOf(pruned);
        }
    }

    private final Snapshots snapshots;

    SnapshotCatalog(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * The snapshots of the aggregate {@code aggregateId} (of {@code aggregateType} when given), or
     * of every aggregate of {@code aggregateType}, or of all (both null); by aggregate type and id,
     * newest first.
     *
     * @throws NotFoundException when the store has no aggregate {@code aggregateId}
     */
    public List<Listed> list(String aggregateId, String aggregateType) {
        List<SnapshotInfo> infos = infos(aggregateId, aggregateType);
        Fingerprints fingerprints = snapshots.hasModel() ? snapshots.fingerprints() : null;
        List<Listed> listed = new ArrayList<>(infos.size());
        for (SnapshotInfo i : infos) {
            Boolean current = fingerprints == null
                    ? null
                    : i.fingerprint().equals(fingerprints.of(i.stream().aggregateType()));
            listed.add(new Listed(i, current));
        }
        return listed;
    }

    /**
     * Deletes snapshots: with {@code stale}, every one made under rules other than the current
     * model's (including aggregate types the model no longer has); with {@code keep}, all but the
     * {@code keep} newest of each aggregate under each fingerprint. Deletes in short transactions.
     *
     * @param dryRun only report what would be deleted
     * @throws UsageException when neither is asked for
     */
    public PruneResult prune(Integer keep, boolean stale, boolean dryRun) {
        if (keep == null && !stale) {
            throw new UsageException(
                    "say which snapshots to prune",
                    "pass --keep N (the N newest of each aggregate stay), --stale, or both");
        }
        if (keep != null && keep < 0) {
            throw new UsageException("--keep must be 0 or more, got " + keep);
        }
        Fingerprints fingerprints = stale ? snapshots.fingerprints() : null;
        List<SnapshotInfo> all = snapshots.reads().list((String) null);
        List<Pruned> pruned = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SnapshotInfo s : all) {
            if (stale && !s.fingerprint().equals(fingerprints.of(s.stream().aggregateType()))) {
                pruned.add(new Pruned(s, "stale"));
                continue;
            }
            if (keep != null && seen.merge(s.stream() + "\0" + s.fingerprint(), 1, Integer::sum) > keep) {
                pruned.add(new Pruned(s, "older than the " + keep + " kept"));
            }
        }
        if (!dryRun && !pruned.isEmpty()) {
            List<Long> ids = new ArrayList<>();
            for (Pruned p : pruned) {
                ids.add(p.info().id());
            }
            for (int i = 0; i < ids.size(); i += BATCH) {
                snapshots.writes().delete(ids.subList(i, Math.min(ids.size(), i + BATCH)));
            }
        }
        return new PruneResult(pruned, all.size() - pruned.size(), dryRun);
    }

    /**
     * Checks every snapshot made under the current model (of one aggregate, of a type, or all)
     * against a fold from the first event without snapshots.
     */
    public SnapshotCheck.Result verify(String aggregateId, String aggregateType) {
        return new SnapshotCheck(snapshots).check(infos(aggregateId, aggregateType));
    }

    private List<SnapshotInfo> infos(String aggregateId, String aggregateType) {
        if (aggregateId == null) {
            return snapshots.reads().list(aggregateType);
        }
        List<String> types = aggregateType != null
                ? List.of(aggregateType)
                : snapshots.events().aggregateTypesOf(aggregateId);
        List<StreamId> streams = new ArrayList<>();
        for (String type : types) {
            StreamId stream = new StreamId(type, aggregateId);
            if (snapshots.events().currentVersion(stream) > 0) {
                streams.add(stream);
            }
        }
        if (streams.isEmpty()) {
            throw new NotFoundException(
                    "no aggregate " + (aggregateType != null ? aggregateType + "/" : "with id ") + aggregateId
                            + " in the store",
                    "list the aggregates with 'evs streams'");
        }
        List<SnapshotInfo> infos = new ArrayList<>();
        for (StreamId stream : streams) {
            infos.addAll(snapshots.reads().list(stream));
        }
        return infos;
    }
}
