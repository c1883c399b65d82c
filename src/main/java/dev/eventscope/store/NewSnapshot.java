package dev.eventscope.store;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot to store: the state of {@code stream} after folding exactly its events up to stream
 * version {@code version} (a prefix of the stream, never a valid-time selection), the highest
 * position and the largest timestamp among them, and the fingerprint of the rules that folded it.
 */
public record NewSnapshot(
        StreamId stream, long version, long position, Instant validTime, String fingerprint, JsonDoc state) {

    public NewSnapshot {
        Objects.requireNonNull(stream);
        Objects.requireNonNull(validTime);
        Objects.requireNonNull(fingerprint);
        Objects.requireNonNull(state);
        if (version < 1 || position < 1) {
            throw new IllegalArgumentException("a snapshot folds at least one event");
        }
    }
}
