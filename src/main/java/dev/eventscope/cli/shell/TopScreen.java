package dev.eventscope.cli.shell;

import dev.eventscope.cli.render.Palette;
import dev.eventscope.cli.render.TopFrame;
import dev.eventscope.engine.StatsService;
import dev.eventscope.stats.StatsReport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;

/**
 * The live screen of {@code evs top}: redraws {@link TopFrame} in place (JLine's Display, on the
 * alternate screen so the terminal looks as before afterwards) every interval, and quits on q,
 * Ctrl-C or an interrupt (Ctrl-C in the shell). Kept apart from the command so plain commands
 * never load the terminal library.
 */
public final class TopScreen {

    private final StatsService stats;
    private final String store;
    private final Palette palette;
    private final Duration interval;

    public TopScreen(StatsService stats, String store, Palette palette, Duration interval) {
        this.stats = stats;
        this.store = store;
        this.palette = palette;
        this.interval = interval;
    }

    /** Shows the figures on the process's terminal until the user quits. */
    public int showOnSystemTerminal() throws IOException {
        try (Terminal terminal = ShellTerminal.open()) {
            return show(terminal);
        }
    }

    /** Shows the figures on {@code terminal} (raw mode, alternate screen) until q, Ctrl-C or an interrupt. */
    public int show(Terminal terminal) throws IOException {
        Thread reader = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean quit = new java.util.concurrent.atomic.AtomicBoolean();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
            quit.set(true);
            reader.interrupt();
        });
        Attributes saved = terminal.enterRawMode();
        terminal.puts(InfoCmp.Capability.enter_ca_mode);
        terminal.puts(InfoCmp.Capability.cursor_invisible);
        Display display = new Display(terminal, true);
        try {
            StatsReport report = null;
            NonBlockingReader keys = terminal.reader();
            while (!quit.get()) {
                Size size = terminal.getSize();
                int width = size.getColumns() > 0 ? size.getColumns() : 100;
                int height = size.getRows() > 0 ? size.getRows() : 40;
                display.resize(height, width);
                Instant now = Instant.now();
                report = stats.refresh(report, now);
                List<AttributedString> lines = new ArrayList<>();
                for (String line : TopFrame.lines(
                        store, report, stats.perSecond(now, Math.max(10, width - 40)), width, height, palette)) {
                    lines.add(AttributedString.fromAnsi(line).columnSubSequence(0, width));
                }
                display.update(lines, -1);
                terminal.flush();
                if (waitForKey(keys, interval.toMillis())) {
                    quit.set(true);
                }
            }
        } finally {
            Thread.interrupted();
            terminal.puts(InfoCmp.Capability.cursor_normal);
            terminal.puts(InfoCmp.Capability.exit_ca_mode);
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.INT, previous);
            terminal.flush();
        }
        return 0;
    }

    /** Waits up to {@code millis} for a key; true when it asks to quit (q, Q, Ctrl-C) or on interrupt. */
    private static boolean waitForKey(NonBlockingReader keys, long millis) throws IOException {
        long until = System.currentTimeMillis() + millis;
        try {
            long left;
            while ((left = until - System.currentTimeMillis()) > 0) {
                int c = keys.read(left);
                if (c == 'q' || c == 'Q' || c == 3 || c == NonBlockingReader.EOF) {
                    return true;
                }
                if (c == NonBlockingReader.READ_EXPIRED) {
                    return false;
                }
            }
            return false;
        } catch (InterruptedIOException e) {
            return true;
        }
    }
}
