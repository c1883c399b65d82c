package dev.eventscope.engine;

import dev.eventscope.event.RecordedEvent;

/** Receives the events of a listing, in order; returns false to stop early (output closed, enough seen). */
@FunctionalInterface
public interface EventSink {
    boolean accept(RecordedEvent event);
}
