package dev.eventscope.cli.command;

import dev.eventscope.cli.console.Terminal;
import dev.eventscope.cli.shell.Session;
import dev.eventscope.cli.shell.TopScreen;
import dev.eventscope.error.UsageException;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
            paramLabel = "DURATION",
            defaultValue = "1s",
            description =
                    "Time between refreshes, from 1s to 1h (default ${DEFAULT-VALUE}; a plain number is" + " seconds).")
    String interval;

    @Override
    public Integer call() throws IOException {
        Duration every = DurationOptions.parse("--interval", interval, ChronoUnit.SECONDS);
        if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException("--interval must be from 1s to 1h, got " + interval);
        }
        Session session = main().session();
        TopScreen screen =
                new TopScreen(engine().stats(), engine().settings().db().toString(), main().palette(), every);
        if (session != null && session.terminal() != null) {
            return screen.show(session.terminal());
        }
        if (!Terminal.stdoutIsTerminal() || !Terminal.stdinIsTerminal()) {
            throw new UsageException(
                    "top needs a terminal", "use 'evs stats' (or 'evs stats --prometheus') in scripts and pipes");
        }
        return screen.showOnSystemTerminal();
    }
}
