package dev.eventscope.process;

import dev.eventscope.pipeline.Progress;

/**
 * A pass of {@link Progress} that begins when the first figures arrive and follows a total that
 * grows (processing up to a head that moves); {@link #end} may come any number of times, and a
 * later {@link #at} begins a new pass (processing that follows the head pauses between passes).
 */
final class Pass {

    private final Progress progress;
    private final String task;
    private final Progress.Unit unit;
    private boolean begun;

    Pass(Progress progress, String task, Progress.Unit unit) {
        this.progress = progress;
        this.task = task;
        this.unit = unit;
    }

    /** {@code done} of {@code total} units are done. */
    void at(long done, long total) {
        if (!begun) {
            progress.begin(task, unit, total);
            begun = true;
        } else {
            progress.total(total);
        }
        progress.at(done);
    }

    void end() {
        if (begun) {
            progress.end();
            begun = false;
        }
    }
}
