package dev.eventscope.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;

/**
 * The end of the hash chain: the highest position, its hash, and how many events the store holds.
 * An empty store has position 0 and an empty hash.
 */
public record StoreHead(long position, String hash, long events) {

    public static final StoreHead EMPTY = new StoreHead(0, "", 0);

    public boolean isEmpty() {
        return position == 0;
    }

    /** The public JSON shape ({@code head -o json}). */
    public ObjectNode json() {
        var o = Json.object();
        o.put("position", position);
        o.put("hash", hash);
        o.put("events", events);
        return o;
    }
}
