package dev.eventscope.store;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import java.util.List;
import java.util.function.Supplier;

/**
 * What handlers, projections and sagas keep in the store besides events: checkpoints, dead letters,
 * read-model tables and saga instances, and the transaction that makes a handler's effects, its checkpoint and its
 * dead letters take effect together.
 *
 * <p>The parts share the store's connection: whatever they do inside {@link #inTransaction}
 * commits or rolls back as one unit. Not thread-safe, like the store.
 */
public interface ProcessingStore {

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE … COMMIT}); any exception
     * rolls all of it back and is rethrown. Transactions do not nest.
     */
    <T> T inTransaction(String doing, Supplier<T> work);

    Checkpoints checkpoints();

    DeadLetters deadLetters();

    ReadModels readModels();

    /** The instances, deadlines and dead-letter links of sagas (ADR 0180). */
    SagaStates sagas();

    /**
     * Appends {@code events} inside the current {@link #inTransaction} exactly as an append with
     * expected version any would: positions, stream versions, record time and hash links assigned
     * the same way, idempotent by eventId. Returns the events appended now: none when all of them
     * were stored already.
     */
    List<RecordedEvent> appendInTransaction(List<NewEvent> events);

    /**
     * The position of the {@code n}th event at or after position {@code from}, or the highest
     * position there is when fewer follow (0 in an empty store): where a batch of {@code n}
     * events starting at {@code from} ends.
     */
    long batchEnd(long from, int n);

    /**
     * How many events have a position after {@code position}, counting only the stored event
     * types {@code types} unless it is empty.
     */
    long eventsAfter(long position, java.util.Set<String> types);
}
