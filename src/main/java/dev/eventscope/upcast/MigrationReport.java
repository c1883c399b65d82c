package dev.eventscope.upcast;

import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import java.time.Duration;
import java.util.Map;

/**
 * What {@code upcast migrate} did, or (dry run) would do.
 *
 * @param sourceEvents events read from the source
 * @param events events written (or that would be)
 * @param upcast source events the chain changed (version, type or content, split or dropped)
 * @param split source events that became several events
 * @param dropped source events that became none
 * @param renumbered events whose stream version differs from the stored one (after a split or a
 *     drop earlier in their stream)
 * @param upcastByType source events changed, by stored event type
 * @param target the new store (a file: its absolute path)
 * @param head the new store's head (empty for a dry run)
 */
public record MigrationReport(
        StoreLocator target,
        boolean dryRun,
        long sourceEvents,
        long events,
        long upcast,
        long split,
        long dropped,
        long renumbered,
        Map<String, Long> upcastByType,
        StoreHead head,
        Duration elapsed) {

    public MigrationReport {
        upcastByType = Map.copyOf(upcastByType);
    }
}
