package dev.eventscope.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Cut;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadEvents;
import java.time.Instant;

/**
 * A cut with its record-time bound resolved to a position: {@code upTo} is the highest position
 * the cut admits (the store's head when the read began, or the last event recorded by
 * {@code --as-of}). Asking again with {@code --position upTo} (and the same {@code --at}) gives
 * the same answer, whatever is appended later.
 */
public record ResolvedCut(Cut cut, long upTo) {

    public ResolvedCut {
        if (upTo < 0) {
            throw new IllegalArgumentException("upTo must be 0 or more");
        }
    }

    /** Resolves {@code cut} against the store as it is now. */
    public static ResolvedCut resolve(Cut cut, ReadEvents store) {
        long head = store.headPosition();
        return new ResolvedCut(cut, bound(cut, store, head));
    }

    /** Resolves {@code cut} against events in memory whose highest position is {@code head}. */
    public static ResolvedCut resolveInMemory(Cut cut, long head, java.util.List<RecordedEvent> events) {
        Cut record = cut instanceof Cut.At at ? at.recordBound() : cut;
        long upTo = head;
        if (record instanceof Cut.UpToPosition p) {
            upTo = Math.min(p.position(), head);
        } else if (record instanceof Cut.AsOf a) {
            upTo = events.stream()
                    .filter(e -> !e.recordedAt().isAfter(a.recordTime()))
                    .mapToLong(RecordedEvent::position)
                    .max()
                    .orElse(0);
        }
        return new ResolvedCut(cut, upTo);
    }

    private static long bound(Cut cut, ReadEvents store, long head) {
        Cut record = cut instanceof Cut.At at ? at.recordBound() : cut;
        if (record instanceof Cut.UpToPosition p) {
            return Math.min(p.position(), head);
        }
        if (record instanceof Cut.AsOf a) {
            return Math.min(store.lastPositionRecordedBy(a.recordTime()), head);
        }
        return head;
    }

    /** The valid time of an {@code --at} cut, or null. */
    public Instant validTime() {
        return cut instanceof Cut.At at ? at.validTime() : null;
    }

    /** The stream version of a {@code --version} cut, or -1. */
    public long version() {
        return cut instanceof Cut.Version v ? v.version() : -1;
    }

    /** True when {@code e} is inside the record-time bound. */
    public boolean recorded(RecordedEvent e) {
        return e.position() <= upTo;
    }

    /** True when {@code e} is inside the valid-time bound (always, without {@code --at}). */
    public boolean happened(RecordedEvent e) {
        Instant t = validTime();
        return t == null || !e.timestamp().isAfter(t);
    }

    /**
     * The cut as JSON: {@code at}, {@code asOf} and {@code version} as given (times in UTC), and
     * {@code position}: the resolved record-time bound.
     */
    public ObjectNode json() {
        ObjectNode o = Json.object();
        Cut record = cut;
        if (cut instanceof Cut.At at) {
            o.put("at", Times.format(at.validTime()));
            record = at.recordBound();
        }
        if (record instanceof Cut.AsOf a) {
            o.put("asOf", Times.format(a.recordTime()));
        }
        if (cut instanceof Cut.Version v) {
            // a stream version names the same events whatever is appended later
            o.put("version", v.version());
            return o;
        }
        o.put("position", upTo);
        return o;
    }

    /** The options that ask for exactly this answer again. */
    public String asOptions() {
        StringBuilder s = new StringBuilder();
        if (cut instanceof Cut.At at) {
            s.append("--at ").append(Times.format(at.validTime())).append(' ');
        }
        if (cut instanceof Cut.Version v) {
            return "--version " + v.version();
        }
        s.append("--position ").append(upTo);
        return s.toString();
    }
}
