package dev.eventscope.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.source.Loss;
import dev.eventscope.source.SourceKind;
import dev.eventscope.source.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one {@code import --from} run (or one pass of {@code --follow}, or a dry run) did.
 *
 * @param source the source as messages name it ("emmett source shop.sqlite")
 * @param kind the kind of store read
 * @param name the source's name in {@code importedFrom.source}
 * @param resumedAfter the source position of the event imported last before this run (read again
 *     and found unchanged), or null for a first run
 * @param lastPosition the source position of the last new event read, or null when none was new
 * @param read how many new events were read from the source (not the one read again to resume)
 * @param imported how many events were written (0 for a dry run)
 * @param present how many new events were in the store already (an interrupted run wrote them)
 * @param transactions how many transactions committed events
 * @param types how many new events of each type, by type
 * @param losses how many new events had each kind of loss (ADR 0161)
 * @param invalid how many new events the import would refuse (dry run only; a real run stops)
 * @param problems the first of those refusals, each naming its source position
 * @param preview the first new events as they would be imported, as NDJSON lines (dry run)
 * @param openGaps gaps in the source's order the run stopped before (they settle within seconds;
 *     the next run or poll reads past them)
 */
public record SourceImportReport(
        String source,
        SourceKind kind,
        String name,
        SourcePosition resumedAfter,
        SourcePosition lastPosition,
        long read,
        long imported,
        long present,
        long transactions,
        Map<String, Long> types,
        Map<Loss, Long> losses,
        long invalid,
        List<String> problems,
        List<String> preview,
        int openGaps,
        Duration elapsed) {

    public SourceImportReport {
        types = Map.copyOf(types);
        losses = Map.copyOf(losses);
        problems = List.copyOf(problems);
        preview = List.copyOf(preview);
    }

    /** The new events read from the source. */
    public long newEvents() {
        return read;
    }

    /** The public JSON shape ({@code import --from … -o json}). */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("source", source);
        o.put("kind", kind.cliName());
        o.put("name", name);
        o.put("resumedAfter", resumedAfter == null ? null : resumedAfter.toString());
        o.put("lastPosition", lastPosition == null ? null : lastPosition.toString());
        o.put("newEvents", newEvents());
        o.put("imported", imported);
        o.put("alreadyPresent", present);
        o.put("transactions", transactions);
        ObjectNode t = o.putObject("types");
        new java.util.TreeMap<>(types).forEach(t::put);
        ObjectNode l = o.putObject("losses");
        for (Loss loss : Loss.values()) {
            Long n = losses.get(loss);
            if (n != null) {
                l.put(loss.name().toLowerCase(java.util.Locale.ROOT), n);
            }
        }
        o.put("invalid", invalid);
        var p = o.putArray("problems");
        problems.forEach(p::add);
        o.put("openGaps", openGaps);
        o.put("seconds", elapsed.toMillis() / 1000.0);
        return o;
    }
}
