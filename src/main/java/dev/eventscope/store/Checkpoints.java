package dev.eventscope.store;

import java.util.Optional;

/** The checkpoint of each handler and projection. */
public interface Checkpoints {

    /** The checkpoint of {@code handler}, empty when it has never processed anything. */
    Optional<Checkpoint> get(String handler);

    /** Sets the checkpoint of {@code handler} (creating it), stamped with the current time. */
    void put(String handler, long position, String fingerprint);
}
