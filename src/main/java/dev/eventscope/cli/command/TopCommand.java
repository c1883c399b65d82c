package dev.eventscope.cli.command;

import dev.eventscope.cli.Session;
import dev.eventscope.cli.Terminal;
import dev.eventscope.cli.render.TopFrame;
import dev.eventscope.cli.shell.ShellTerminal;
import dev.eventscope.error.UsageException;
import dev.eventscope.stats.Stats;
import dev.eventscope.stats.StatsReport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evs top}: the figures of {@code stats}, live. */
@Command(
        name = "top",
        description = {
            "The figures of 'evs stats', refreshed in place every second, with a sparkline of events per"
                    + " second. q (or Ctrl-C) quits. Needs a terminal; in scripts use 'evs stats'.",
            "Totals, rates and storage refresh every second; the figures that scan every event (lag, event"
                    + " types, largest payloads) every 5 seconds while events arrive, else every minute."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  evs top", "  evs --db /var/lib/app/events.db top --interval 2"})
public final class TopCommand extends BaseCommand {

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "1",
            description = "Seconds between refreshes (default ${DEFAULT-VALUE}).")
    int interval;

    @Override
    public Integer call() throws IOException {
        if (interval < 1 || interval > 3_600) {
            throw new UsageException("--interval must be between 1 and 3600 seconds, got " + interval);
        }
        Session session = main().session();
        if (session != null && session.terminal() != null) {
            return show(session.terminal());
        }
        if (!Terminal.stdoutIsTerminal() || !Terminal.stdinIsTerminal()) {
            throw new UsageException(
                    "top needs a terminal", "use 'evs stats' (or 'evs stats --prometheus') in scripts and pipes");
        }
        try (org.jline.terminal.Terminal terminal = ShellTerminal.open()) {
            return show(terminal);
        }
    }

    private int show(org.jline.terminal.Terminal terminal) throws IOException {
        Stats stats = workspace().stats();
        String store = workspace().settings().db().toString();
        Thread reader = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean quit = new java.util.concurrent.atomic.AtomicBoolean();
        org.jline.terminal.Terminal.SignalHandler previous =
                terminal.handle(org.jline.terminal.Terminal.Signal.INT, s -> {
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
                        store,
                        report,
                        stats.perSecond(now, Math.max(10, width - 40)),
                        width,
                        height,
                        main().palette())) {
                    lines.add(AttributedString.fromAnsi(line).columnSubSequence(0, width));
                }
                display.update(lines, -1);
                terminal.flush();
                if (waitForKey(keys, interval * 1000L)) {
                    quit.set(true);
                }
            }
        } finally {
            Thread.interrupted();
            terminal.puts(InfoCmp.Capability.cursor_normal);
            terminal.puts(InfoCmp.Capability.exit_ca_mode);
            terminal.setAttributes(saved);
            terminal.handle(org.jline.terminal.Terminal.Signal.INT, previous);
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
