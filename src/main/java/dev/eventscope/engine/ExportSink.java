package dev.eventscope.engine;

/**
 * Where an export as stored goes when the store can write its lines itself: each event either as
 * its line ({@link #line}: UTF-8, exactly what writing the event as NDJSON gives, without the
 * newline) or, for the events the store hands over as events, through {@link #accept}.
 */
public interface ExportSink extends EventSink {

    /** One event's line, {@code utf8[0..length)}, valid only during the call; false to stop. */
    boolean line(byte[] utf8, int length);
}
