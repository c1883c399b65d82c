package dev.eventscope.trace;

import dev.eventscope.event.RecordedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A node of a trace graph: an event of the trace, or a cause its root events are grouped under. */
public sealed interface TraceNode {

    /**
     * An event of the trace, with its place in the graph.
     *
     * @param parent the event of this trace that caused it, or null for a root
     * @param depth 1 for a root, its parent's depth plus one below; null when no root reaches it
     *     (it is in, or caused by, a cycle)
     * @param delay the time since its cause (its parent, or a cause outside the trace whose time is
     *     known), negative when it is timestamped before its cause; null when the cause's time is
     *     unknown
     * @param children the events of this trace it caused, by valid time then position
     * @param critical whether it lies on the trace's critical path
     * @param entry whether the trace started from this event
     */
    record Event(
            RecordedEvent event,
            UUID parent,
            Integer depth,
            Duration delay,
            List<UUID> children,
            boolean critical,
            boolean entry)
            implements TraceNode {

        public Event {
            if (event == null) {
                throw new IllegalArgumentException("event is required");
            }
            children = List.copyOf(children);
        }

        public UUID id() {
            return event.eventId();
        }

        public boolean reachable() {
            return depth != null;
        }
    }

    /**
     * A cause that is not an event of this trace, with the root events it caused (for a cycle, the
     * event the cycle is entered at).
     *
     * @param id the causationId the roots carry (for {@link CauseKind#NONE}, the empty text)
     * @param event the cause when it is a stored event outside the trace ({@link CauseKind#OUTSIDE}),
     *     else null
     * @param cycle for {@link CauseKind#CYCLE}, the events of the cycle in causal order starting at
     *     the one with the lowest position; else empty
     */
    record Cause(String id, CauseKind kind, RecordedEvent event, List<UUID> roots, List<UUID> cycle)
            implements TraceNode {

        public Cause {
            if (id == null || kind == null || roots == null || roots.isEmpty()) {
                throw new IllegalArgumentException("id, kind and at least one root are required");
            }
            if ((kind == CauseKind.OUTSIDE) != (event != null)) {
                throw new IllegalArgumentException("only an outside cause carries its event");
            }
            roots = List.copyOf(roots);
            cycle = cycle == null ? List.of() : List.copyOf(cycle);
        }
    }

    /** What a cause is. */
    enum CauseKind {
        /** Not an event id: a command or request id such as {@code cmd-place-order-456}. */
        COMMAND,
        /** An event id that no stored event has: the link is broken (an orphan). */
        MISSING,
        /** A stored event that is not part of this trace (another correlation, or not walked). */
        OUTSIDE,
        /** The roots carry no causationId. */
        NONE,
        /** No root reaches these events: their causes form a cycle. */
        CYCLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
