package dev.eventscope.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.List;

/**
 * The figures of every section at one moment, in section order.
 *
 * @param head the store's head position when collected
 * @param heavyAt when the heavy sections were computed (earlier than {@code at} when reused)
 * @param heavyHead the head position the heavy sections were computed at
 */
public record StatsReport(Instant at, long head, Instant heavyAt, long heavyHead, List<StatsFigures> sections) {

    public StatsReport {
        sections = List.copyOf(sections);
    }

    /** {@code {"at": ..., "<section>": {...}, ...}}. */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("at", Times.format(at));
        for (StatsFigures s : sections) {
            o.set(s.name(), s.json());
        }
        return o;
    }

    /** The section named {@code name}, or null. */
    public StatsFigures section(String name) {
        for (StatsFigures s : sections) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
