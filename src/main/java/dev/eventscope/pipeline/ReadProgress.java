package dev.eventscope.pipeline;

/**
 * Hears how far a long read has come, by global position: replay, export, and later upcast,
 * process and dead-letter retries report through it so the CLI can draw a progress bar. Called on
 * the reading thread; implementations must be cheap.
 */
public interface ReadProgress {

    /** Hears nothing. */
    ReadProgress NONE = new ReadProgress() {
        @Override
        public void begin(String task, long first, long last) {}

        @Override
        public void at(long position) {}

        @Override
        public void end() {}
    };

    /** A read of {@code task} over positions {@code first..last} begins. */
    void begin(String task, long first, long last);

    /** The read has reached {@code position}. */
    void at(long position);

    /** The read ended (finished, failed or cancelled). */
    void end();
}
