package dev.eventscope.replay;

import dev.eventscope.event.Cut;
import dev.eventscope.store.StoreHead;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Aggregate states already folded in this session ({@code evs shell}), so asking for the same
 * state again does not read the stream again. An answer is reused only while the store's head is
 * the one it was computed at: any new event (from this process or another) invalidates every
 * entry. Least recently used entries go first. Not thread-safe.
 */
public final class StateCache {

    /** Entries kept by a workspace. */
    public static final int DEFAULT_SIZE = 64;

    /** What was asked: the same question at the same head has the same answer. */
    record Key(String aggregateId, String aggregateType, Cut cut, TimeMachine.Steps steps, boolean snapshots) {}

    private final int size;
    private final Map<Key, TimeMachine.StateResult> entries;
    private long head = -1;
    private String headHash;
    private long hits;

    public StateCache(int size) {
        this.size = size;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, TimeMachine.StateResult> eldest) {
                return size() > StateCache.this.size;
            }
        };
    }

    /** The cached answer to {@code key} at {@code now}, or {@code fold}'s answer, remembered. */
    TimeMachine.StateResult get(Key key, StoreHead now, Supplier<TimeMachine.StateResult> fold) {
        if (now.position() != head || !java.util.Objects.equals(now.hash(), headHash)) {
            entries.clear();
            head = now.position();
            headHash = now.hash();
        }
        TimeMachine.StateResult cached = entries.get(key);
        if (cached != null) {
            hits++;
            return cached;
        }
        TimeMachine.StateResult state = fold.get();
        entries.put(key, state);
        return state;
    }

    /** How many answers came from the cache (for tests and --explain). */
    public long hits() {
        return hits;
    }
}
