package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dead-letter queue: events handlers failed on, by handler. At most one letter per handler and
 * event (the store enforces it).
 */
public interface DeadLetters {

    /** The letters matching {@code query}, in position order. */
    List<DeadLetter> find(DeadLetterQuery query);

    Optional<DeadLetter> get(long id);

    /**
     * For each stream that has parked letters of {@code handler}: the id of its earliest parked
     * letter (what later events of the stream are parked behind).
     */
    Map<StreamId, Long> parkedStreams(String handler);

    /**
     * Parks {@code letter}. If the event already has a letter for this handler (resolved or
     * skipped earlier, met again by a rebuild), that letter is parked again with the new facts;
     * there is never a second one. Returns the letter's id.
     */
    long park(NewDeadLetter letter);

    /** Marks a parked letter resolved now, adding {@code attempts} to its count. */
    void resolve(long id, int attempts, String reason);

    /** Marks a parked letter skipped now, with the reason. */
    void skip(long id, String reason);

    /**
     * Records that a retry failed again: adds {@code attempts}, sets the error and the time, and
     * clears what it was parked behind (it is now a failure of its own).
     */
    void failedAgain(long id, int attempts, String error);

    /**
     * Figures of the whole queue that change whenever a letter is parked (or parked again), fails
     * again, is resolved or skipped: one aggregate read, cheap enough for live pages to ask several
     * times a second. Only equality means anything: the same figures, the same letters.
     */
    Changes changes();

    /**
     * How many letters there are and are parked, their attempts in all, and the latest failure and
     * resolution times (UTC epoch microseconds, 0 when none).
     */
    record Changes(long letters, long parked, long attempts, long lastFailedMicros, long lastResolvedMicros) {
        public static final Changes NONE = new Changes(0, 0, 0, 0, 0);
    }
}
