package dev.eventscope.saga;

import dev.eventscope.replay.ResolvedCut;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The instances of one or more sagas at a cut ({@code saga list}), worked out from the events.
 *
 * @param cut the cut the events were read at (its {@code position} asks for the same answer again)
 * @param now the reference time: what deadlines and waits are measured against
 * @param stuckFor the wait after which a running instance with nothing pending is stuck, when given
 *     ({@code --stuck-for}); null: each saga's own {@code stuckAfter}
 * @param instances the instances the filter kept, by saga and instance id
 * @param counts how many instances of each status there are (before the filter), per saga
 * @param events how many events of the sagas were read
 * @param warnings what the user should know (a rule failed on an event that joins no instance, a
 *     saga that kept emitting)
 */
public record SagaListing(
        ResolvedCut cut,
        Instant now,
        Duration stuckFor,
        List<SagaView> instances,
        List<Counts> counts,
        long events,
        List<String> warnings) {

    public SagaListing {
        instances = List.copyOf(instances);
        counts = List.copyOf(counts);
        warnings = List.copyOf(warnings);
    }

    /** How many instances of one saga are running, stuck and ended. */
    public record Counts(String saga, long running, long stuck, long ended) {}
}
