package dev.eventscope.upcast;

/** Hears how far a pass over the store is, for a progress display. Called on the working thread. */
public interface Progress {

    Progress NONE = new Progress() {};

    /** A pass over {@code total} events starts ({@code checking}, {@code migrating}, {@code verifying}). */
    default void start(String name, long total) {}

    /** Events handled so far in this pass. */
    default void progress(long done) {}

    /** The pass ended. */
    default void done() {}
}
