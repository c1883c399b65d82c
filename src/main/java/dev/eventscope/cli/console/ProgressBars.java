package dev.eventscope.cli.console;

import dev.eventscope.pipeline.Progress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr, only when stderr is a terminal and output is not quiet: the one
 * implementation of the core's {@link Progress}. Each pass of the engine's work (an import's
 * validating and importing, a read by position, processing) draws a bar of its own.
 */
public final class ProgressBars implements Progress {

    private ProgressBar bar;

    private ProgressBars() {}

    public static boolean enabled(boolean quiet) {
        return !quiet && Terminal.stderrIsTerminal();
    }

    /** Bars on stderr, or {@link Progress#NONE} when they are off (quiet, or stderr not a terminal). */
    public static Progress of(boolean quiet) {
        return enabled(quiet) ? new ProgressBars() : Progress.NONE;
    }

    @Override
    public void begin(String task, Unit unit, long total) {
        end();
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(
                        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)))
                .continuousUpdate();
        if (total < 0) {
            // a pass of unknown length (building the indexes at the end of an import into a new
            // store): a bar that moves without a total, erased when the pass ends, so no "0% 0/0 MiB"
            // is left on the terminal
            bar = builder.setInitialMax(-1).clearDisplayOnFinish().build();
            return;
        }
        builder.setInitialMax(Math.max(total, 1));
        switch (unit) {
            case BYTES:
                // a small input in KiB: in MiB it would read "0/0 MiB" from start to end
                boolean large = total >= 8L << 20;
                builder.setUnit(large ? " MiB" : " KiB", large ? 1 << 20 : 1 << 10);
                break;
            case LETTERS:
                builder.setUnit(" letters", 1);
                break;
            default:
                builder.setUnit(" events", 1);
        }
        bar = builder.build();
    }

    @Override
    public void at(long done) {
        if (bar != null) {
            bar.stepTo(Math.max(0, done));
        }
    }

    @Override
    public void total(long total) {
        if (bar != null) {
            bar.maxHint(Math.max(total, 1));
        }
    }

    @Override
    public void detail(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void end() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
