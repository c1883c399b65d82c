package dev.eventscope.cli;

import dev.eventscope.ingest.ImportListener;
import dev.eventscope.pipeline.ReadProgress;
import dev.eventscope.process.ProcessListener;
import dev.eventscope.upcast.Progress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr, only when stderr is a terminal and output is not quiet. Engine loops
 * report through {@link ImportListener} (import) or {@link ReadProgress} (reads by position); a
 * command asks here for one and passes it down.
 */
public final class ProgressBars {

    private ProgressBars() {}

    public static boolean enabled(boolean quiet) {
        return !quiet && Terminal.stderrIsTerminal();
    }

    /**
     * A bar for a long read by position (export, replay; later upcast, process, dlq retry), or
     * {@link ReadProgress#NONE} when bars are off. {@code task} names the bar.
     */
    public static ReadProgress forRead(String task, boolean quiet) {
        if (!enabled(quiet)) {
            return ReadProgress.NONE;
        }
        return new ReadProgress() {
            private ProgressBar bar;
            private long first;

            @Override
            public void begin(String ignored, long from, long to) {
                first = from;
                bar = builder(task, Math.max(1, to - from + 1)).build();
            }

            @Override
            public void at(long position) {
                if (bar != null) {
                    bar.stepTo(Math.max(0, position - first + 1));
                }
            }

            @Override
            public void end() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        };
    }

    private static ProgressBarBuilder builder(String task, long max) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(
                        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)))
                .continuousUpdate();
    }

    /** A listener that draws the import's passes, or none when bars are off. */
    public static ImportListener forImport(boolean quiet) {
        if (!enabled(quiet)) {
            return ImportListener.NONE;
        }
        return new ImportListener() {
            private ProgressBar bar;

            @Override
            public void pass(String name, long totalBytes) {
                if (totalBytes < 0) {
                    // a pass of unknown length (building the indexes at the end of an import into a new
                    // store): a bar that moves without a total, erased when the pass ends, so no
                    // "0% 0/0 MiB" is left on the terminal
                    bar = builder(name, -1).clearDisplayOnFinish().build();
                    return;
                }
                // a small input in KiB: in MiB it would read "0/0 MiB" from start to end
                boolean large = totalBytes >= 8L << 20;
                bar = builder(name, Math.max(totalBytes, 1))
                        .setUnit(large ? " MiB" : " KiB", large ? 1 << 20 : 1 << 10)
                        .build();
            }

            @Override
            public void progress(long bytes, long events) {
                if (bar != null) {
                    bar.stepTo(bytes);
                    bar.setExtraMessage(events + " events");
                }
            }

            @Override
            public void passDone() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        };
    }

    /** Bars for passes over the events of a store ({@code upcast check}, {@code upcast migrate}). */
    public static Progress forPasses(boolean quiet) {
        if (!enabled(quiet)) {
            return Progress.NONE;
        }
        return new Progress() {
            private ProgressBar bar;

            @Override
            public void start(String name, long total) {
                bar = new ProgressBarBuilder()
                        .setTaskName(name)
                        .setInitialMax(Math.max(total, 1))
                        .setUnit(" events", 1)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(
                                new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)))
                        .continuousUpdate()
                        .build();
            }

            @Override
            public void progress(long done) {
                if (bar != null) {
                    bar.stepTo(done);
                }
            }

            @Override
            public void done() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        };
    }

    /**
     * A listener that draws how far processing has got ({@code task}: what is processed), or none
     * when bars are off. {@code unit} names what the counts are: positions or letters.
     */
    public static ProcessListener forProcessing(boolean quiet, String task, String unit) {
        if (!enabled(quiet)) {
            return ProcessListener.NONE;
        }
        return new ProcessListener() {
            private ProgressBar bar;

            @Override
            public void progress(long position, long head) {
                if (bar == null) {
                    bar = new ProgressBarBuilder()
                            .setTaskName(task)
                            .setInitialMax(Math.max(head, 1))
                            .setUnit(" " + unit, 1)
                            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                            .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(
                                    new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)))
                            .build();
                }
                bar.maxHint(Math.max(head, 1));
                bar.stepTo(position);
            }

            @Override
            public void done() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        };
    }
}
