package dev.eventscope.process;

/** Hears how far processing has got, for progress bars. Called on the processing thread. */
public interface ProcessListener {

    ProcessListener NONE = (position, head) -> {};

    /** Everything up to {@code position} is done, of {@code head}. */
    void progress(long position, long head);

    /** Processing ended (or paused, following). */
    default void done() {}
}
