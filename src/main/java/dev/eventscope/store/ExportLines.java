package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;

/**
 * An optional reading capability ({@link ReadEvents#exportLines()}): the store writes the export
 * line of each stored event itself, as UTF-8 bytes, so an export of events as stored needs no
 * event objects and no JSON generator. The line is exactly what {@code EventJson.write(g, e,
 * false)} writes for the event with a compact generator (no newline); a row the store cannot write
 * that way for certain (text that needs escaping, a time outside the years 1970 to 9999, anything
 * not as this tool stores it) is handed over as the event instead, for the caller to write.
 */
public interface ExportLines {

    /** Receives an export in position order; each method returns false to stop early (output closed). */
    interface Sink {

        /** The event at {@code position} as its line: {@code utf8[0..length)}, valid only during the call. */
        boolean line(long position, byte[] utf8, int length);

        /** An event the store did not write as a line. */
        boolean event(RecordedEvent event);
    }

    /**
     * Delivers every event matching {@code query} (forward, without a limit), in position order.
     * Stops with a {@link java.util.concurrent.CancellationException} when the thread is interrupted.
     *
     * @return how many events were delivered
     */
    long export(EventQuery query, Sink sink);
}
