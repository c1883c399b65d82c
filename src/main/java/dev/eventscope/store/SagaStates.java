package dev.eventscope.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code process SAGA} keeps of its instances (ADR 0180): their states, their deadlines, and
 * which instance each of the saga's dead letters belongs to. Part of the {@link ProcessingStore}:
 * written inside its transactions, so instance states, emitted events, deadlines, dead letters and
 * the checkpoint commit together.
 *
 * <p>Not thread-safe, like the store.
 */
public interface SagaStates {

    /** The instance {@code instanceId} of {@code saga}, empty when no event has started it. */
    Optional<SagaInstance> instance(String saga, String instanceId);

    /** Every instance of {@code saga}, by instance id. */
    List<SagaInstance> instances(String saga);

    /** Writes {@code instance}, replacing what was kept of it. */
    void putInstance(SagaInstance instance);

    /** Every deadline of one instance that was ever set (the last setting of each), by name. */
    List<SagaDeadline> deadlines(String saga, String instanceId);

    /** Writes {@code deadline}, replacing the one of the same saga, instance and name. */
    void putDeadline(SagaDeadline deadline);

    /** The pending deadlines of {@code saga} due at or before {@code upTo}: by due time, instance, name. */
    List<SagaDeadline> due(String saga, Instant upTo);

    /** When the next pending deadline of {@code saga} is due, empty when none is pending. */
    Optional<Instant> nextDue(String saga);

    /** Records which instance a dead letter of the saga belongs to (and which deadline failed, if one did). */
    void link(SagaLetter letter);

    /**
     * For each instance of {@code saga} with parked dead letters: the id of its earliest parked
     * letter (what its later events are parked behind).
     */
    Map<String, Long> blocked(String saga);

    /** What dead letter {@code letterId} of {@code saga} belongs to, empty when it names no instance. */
    Optional<SagaLetter> letter(String saga, long letterId);

    /** Every link of the dead letters of {@code saga}, by letter id. */
    List<SagaLetter> letters(String saga);

    /** The ids of the parked dead letters of one instance, in the order of their events. */
    List<Long> parkedLetters(String saga, String instanceId);
}
