package dev.eventscope.ingest;

/** Hears how far an import is, for a progress display. Called on the importing thread. */
public interface ImportListener {

    ImportListener NONE = new ImportListener() {};

    /** A pass over the input starts ({@code validating} or {@code importing}); total may be -1. */
    default void pass(String name, long totalBytes) {}

    /** Bytes of input consumed so far in this pass, and events handled. */
    default void progress(long bytes, long events) {}

    /** The pass ended. */
    default void passDone() {}
}
