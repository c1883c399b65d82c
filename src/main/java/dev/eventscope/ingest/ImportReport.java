package dev.eventscope.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.time.Duration;

/**
 * What an import did: lines read, events written, events skipped because they were stored
 * already, lines rejected as invalid (only with {@code --skip-invalid}), and the transactions used.
 */
public record ImportReport(
        String source, long lines, long imported, long skipped, long rejected, long batches, Duration elapsed) {

    /** The public JSON shape ({@code import -o json}). */
    public ObjectNode json() {
        var o = Json.object();
        o.put("source", source);
        o.put("lines", lines);
        o.put("imported", imported);
        o.put("skipped", skipped);
        o.put("rejected", rejected);
        o.put("transactions", batches);
        o.put("seconds", elapsed.toMillis() / 1000.0);
        return o;
    }
}
