package dev.eventscope.snapshot;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.NewSnapshot;
import dev.eventscope.store.Snapshot;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.SnapshotStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots in memory behind the port, for engine tests without SQLite. Keeps only the state's
 * text, as the table does, so every load parses it again.
 */
final class MemorySnapshots implements SnapshotStore {

    private record Row(SnapshotInfo info, String state, String checksum) {}

    private final Map<Long, Row> rows = new LinkedHashMap<>();
    private long nextId = 1;
    int saves;

    private static final Comparator<SnapshotInfo> NEWEST_FIRST = Comparator.comparing((SnapshotInfo i) -> i.stream())
            .thenComparing(Comparator.comparingLong(SnapshotInfo::version).reversed())
            .thenComparing(Comparator.comparingLong(SnapshotInfo::id).reversed());

    @Override
    public List<SnapshotInfo> list(StreamId stream) {
        return rows.values().stream()
                .map(Row::info)
                .filter(i -> i.stream().equals(stream))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public List<SnapshotInfo> list(String aggregateType) {
        return rows.values().stream()
                .map(Row::info)
                .filter(i -> aggregateType == null || i.stream().aggregateType().equals(aggregateType))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public Optional<Snapshot> load(long id) {
        Row r = rows.get(id);
        return r == null
                ? Optional.empty()
                : Optional.of(new Snapshot(r.info(), JsonDoc.ofText(r.state()), r.checksum()));
    }

    @Override
    public List<SnapshotInfo> save(List<NewSnapshot> snapshots) {
        saves++;
        List<SnapshotInfo> saved = new ArrayList<>();
        for (NewSnapshot s : snapshots) {
            rows.values()
                    .removeIf(r -> r.info().stream().equals(s.stream())
                            && r.info().version() == s.version()
                            && r.info().fingerprint().equals(s.fingerprint()));
            String text = s.state().text();
            SnapshotInfo info = new SnapshotInfo(
                    nextId++,
                    s.stream(),
                    s.version(),
                    s.position(),
                    s.validTime(),
                    s.fingerprint(),
                    Instant.parse("2024-06-01T00:00:00Z"),
                    text.getBytes(StandardCharsets.UTF_8).length);
            rows.put(info.id(), new Row(info, text, Snapshot.checksum(text)));
            saved.add(info);
        }
        return saved;
    }

    @Override
    public int delete(Collection<Long> ids) {
        int n = 0;
        for (long id : ids) {
            n += rows.remove(id) != null ? 1 : 0;
        }
        return n;
    }

    /** Replaces a snapshot's state text, keeping its checksum (as an edit behind the tool's back would). */
    void tamper(long id, String state) {
        Row r = rows.get(id);
        rows.put(id, new Row(r.info(), state, r.checksum()));
    }

    /** Stores a snapshot row as given, bypassing every check (for stale or wrong rows). */
    SnapshotInfo put(NewSnapshot s) {
        return save(List.of(s)).get(0);
    }

    int size() {
        return rows.size();
    }
}
