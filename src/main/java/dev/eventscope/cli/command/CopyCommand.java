package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.cli.console.Interrupts;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.copy.LogCopy;
import dev.eventscope.engine.CopyService;
import dev.eventscope.event.Json;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs copy --to TARGET}: a faithful, resumable copy of the log into a file or a PostgreSQL schema. */
@Command(
        name = "copy",
        description = {
            "Copy the log faithfully into another store (a file or a PostgreSQL URL): the same positions,"
                    + " times and hashes, so 'evs head' prints the same on both. Run again, it copies only what"
                    + " the target lacks, after checking the target's head is the source's event at that position"
                    + " (otherwise the logs diverged and it refuses, exit 3). Checkpoints, dead letters, read models"
                    + " and snapshots are not copied."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs --db postgresql://ci@db.example/events copy --to local.db",
            "  evs --db events.db copy --to 'postgresql://app@db.example/events?schema=shop'",
            "  evs --db postgresql://app@db.example/events copy --to replica.db --follow"
        })
public final class CopyCommand extends BaseCommand {

    @Option(
            names = "--to",
            required = true,
            paramLabel = "FILE|URL",
            description = "The target store: a file, or a postgresql:// URL (created when missing).")
    String to;

    @Option(names = "--follow", description = "After catching up, keep copying new events until stopped.")
    boolean follow;

    @Option(
            names = "--poll",
            paramLabel = "MILLIS",
            defaultValue = "500",
            description = "With --follow: the longest wait for new events (default ${DEFAULT-VALUE} ms); a"
                    + " PostgreSQL source wakes the copy as soon as events commit.")
    long pollMillis;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "5000",
            description = "Events per transaction of a target that holds events (default ${DEFAULT-VALUE}); into a"
                    + " new or empty target the events up to the source's head go in one transaction.")
    int batch;

    @Mixin
    Output.TableOrJson output;

    @Override
    public Integer call() throws InterruptedException {
        OutputFormat format = output.get();
        LogCopy.Listener listener = follow && !main().quiet()
                ? new LogCopy.Listener() {
                    @Override
                    public void caughtUp(long copied, long position) {
                        note("copied " + copied + " events so far; the target is at position " + position);
                    }
                }
                : LogCopy.Listener.NONE;
        CopyService.Copied copied = engine().copies()
                .copy(new CopyService.CopyOptions(
                        to,
                        batch,
                        follow,
                        Duration.ofMillis(pollMillis),
                        listener,
                        follow ? Interrupts.install() : () -> false));
        LogCopy.Report report = copied.report();
        String source = copied.source();
        String target = copied.target();
        if (format == OutputFormat.JSON) {
            var node = Json.object();
            node.put("source", source);
            node.put("target", target);
            node.put("copied", report.copied());
            node.put("fromPosition", report.fromPosition());
            node.put("toPosition", report.toPosition());
            var head = node.putObject("head");
            head.put("position", report.head().position());
            head.put("hash", report.head().hash());
            JsonOut.pretty(out(), node);
        } else if (report.copied() == 0) {
            out().println("nothing to copy: " + target + " is at the source's head "
                    + report.head().position() + ":" + report.head().hash());
        } else {
            out().println("copied " + report.copied() + " events (positions " + report.fromPosition() + "-"
                    + report.toPosition() + ") from " + source + " to " + target + "; head "
                    + report.head().position() + ":" + report.head().hash());
        }
        if (report.stopped()) {
            note("stopped at position " + report.head().position() + "; run the copy again to continue");
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.OK;
    }
}
