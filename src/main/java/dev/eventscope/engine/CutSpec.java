package dev.eventscope.engine;

import dev.eventscope.event.Cut;
import dev.eventscope.replay.Cuts;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A cut as a user gives it: {@code at} (valid time) and {@code asOf} (record time) as text
 * (ISO-8601, a date, or a time ago such as {@code 2h}), a stream {@code version}, a global
 * {@code position}; null fields are not given. The engine reads the times in its zone.
 */
public record CutSpec(String at, String asOf, Long version, Long position) {

    /** No bound: everything stored. */
    public static final CutSpec LATEST = new CutSpec(null, null, null, null);

    Cut cut(ZoneId zone, Instant now) {
        return new Cuts(zone, now).of(at, asOf, version, position);
    }
}
