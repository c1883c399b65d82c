package dev.eventscope.pipeline;

/**
 * Hears how far long work has come, for a progress display: an import's passes over its input, a
 * read of the store by position (replay, export), a pass over every event (upcast check and
 * migrate), processing up to the head, dead letters retried. The one progress interface of the
 * core: a front end (the CLI's progress bars) implements it once.
 *
 * <p>Work comes in passes: {@link #begin}, any number of {@link #at} (and {@link #total} or
 * {@link #detail}), then {@link #end}, which is called whether the pass finished, failed or was
 * cancelled. Called on the working thread; implementations must be cheap.
 */
public interface Progress {

    /** Hears nothing. */
    Progress NONE = new Progress() {};

    /** What a pass counts. */
    enum Unit {
        /** Events (or positions: a read by position counts the positions it has passed). */
        EVENTS,
        /** Bytes of input. */
        BYTES,
        /** Dead letters. */
        LETTERS
    }

    /** A pass named {@code task} begins over {@code total} units (0 or less: not known). */
    default void begin(String task, Unit unit, long total) {}

    /** {@code done} units of the pass are done. */
    default void at(long done) {}

    /** The pass's total changed (processing that follows a growing head). */
    default void total(long total) {}

    /** A short note beside the count, such as how many events the bytes so far held. */
    default void detail(String text) {}

    /** The pass ended. */
    default void end() {}
}
