package dev.eventscope.upcast;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
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

    /** The public JSON shape ({@code upcast migrate -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("target", target().toString());
        o.put("dryRun", dryRun());
        o.put("sourceEvents", sourceEvents());
        o.put("events", events());
        o.put("upcast", upcast());
        o.put("split", split());
        o.put("dropped", dropped());
        o.put("renumbered", renumbered());
        ObjectNode byType = o.putObject("upcastByType");
        new java.util.TreeMap<>(upcastByType).forEach(byType::put);
        if (!dryRun()) {
            o.put("headPosition", head().position());
            o.put("headHash", head().hash());
        }
        o.put("seconds", elapsed().toMillis() / 1000.0);
        return o;
    }
}
