package dev.eventscope.model;

import dev.eventscope.event.RecordedEvent;

/**
 * An upcaster failed on an event: its rule raised an error, returned something that is not an
 * event (or a list of events), or tried to change what an upcaster may not change (identifiers,
 * the stream, times, positions). Names the upcaster, where it is defined, and the event it was
 * given (which may itself be the output of an earlier step).
 */
public final class UpcastFailure extends RuntimeException {

    private final Upcaster upcaster;
    private final RecordedEvent event;
    private final String location;

    UpcastFailure(Upcaster upcaster, RecordedEvent event, String location, String message) {
        super(message, null, false, false);
        this.upcaster = upcaster;
        this.event = event;
        this.location = location;
    }

    public Upcaster upcaster() {
        return upcaster;
    }

    /** The event the failing step was given. */
    public RecordedEvent event() {
        return event;
    }

    /** Where in the model file: the failing part of the rule, or the upcaster entry. */
    public String location() {
        return location;
    }

    /** {@code upcaster OrderPlaced v1->v2 (eventscope.yaml:12:5): message}. */
    public String describe() {
        return "upcaster " + upcaster.name() + " (" + location + "): " + getMessage();
    }
}
