package dev.eventscope.cli.command;

import dev.eventscope.cli.console.Terminal;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.PrometheusOut;
import dev.eventscope.cli.render.StatsText;
import dev.eventscope.stats.StatsReport;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs stats}: the store's health figures once. */
@Command(
        name = "stats",
        description = {
            "Health figures of the store: totals; events per second over the last minute, hour and day and"
                    + " the busiest minute (by record time); ingestion lag (record time minus timestamp: median"
                    + " and 99th percentile); per event type counts and payload sizes; the largest payloads;"
                    + " the store file and its write-ahead log.",
            "Computed by SQL aggregates in one short read each. 'evs top' shows the same figures live."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs stats",
            "  evs stats -o json | jq .lag",
            "  dir=/var/lib/node_exporter/textfile   # mv: never a half-written file",
            "  evs stats --prometheus > \"$dir/eventscope.tmp\" \\",
            "    && mv \"$dir/eventscope.tmp\" \"$dir/eventscope.prom\""
        })
public final class StatsCommand extends BaseCommand {

    @Mixin
    Output.Reports output;

    @Option(
            names = "--prometheus",
            description = "Write the figures in the Prometheus text format (for node-exporter's textfile collector).")
    boolean prometheus;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        if (prometheus && output.given()) {
            throw new dev.eventscope.error.UsageException("--prometheus and -o cannot be combined");
        }
        StatsReport report = engine().stats().collect(Instant.now());
        if (prometheus) {
            PrometheusOut.print(out(), report);
        } else if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), report.json());
        } else if (format == OutputFormat.NDJSON) {
            JsonOut.line(out(), report.json());
        } else {
            new StatsText(out(), main().palette(), Terminal.width()).print(report);
        }
        out().flush();
        return 0;
    }
}
