package dev.eventscope.cli.command;

import dev.eventscope.cli.ProgressBars;
import dev.eventscope.cli.render.EventRenderer;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.inspect.EventBrowser;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code evs export}: events as NDJSON that {@code import} reads back. */
@Command(
        name = "export",
        description = {
            "Write events as NDJSON, in position order, with the same filters as 'events'.",
            "The output imports again: 'evs --db copy.db import export.ndjson' reproduces every event"
                    + " (ids, streams, versions, types, times, payloads, metadata)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs export > all.ndjson",
            "  evs export --aggregate-type Order --since 7d > recent-orders.ndjson",
            "  evs export | evs --db copy.db import -",
            "  evs -q export > all.ndjson        # without the summary line on stderr"
        })
public final class ExportCommand extends BaseCommand {

    @Mixin
    EventFilterOptions filter;

    @Override
    public Integer call() {
        var query = filter.query(workspace().settings().zone(), Instant.now());
        long began = System.nanoTime();
        EventBrowser.Result result;
        try (EventRenderer renderer = new EventRenderer(out(), OutputFormat.NDJSON, false)) {
            result = new EventBrowser(workspace().readStore())
                    .list(query, null, renderer::accept, ProgressBars.forRead("export", main().quiet()));
        }
        note(String.format(
                Locale.ROOT,
                "exported %d event%s in %.1f s",
                result.delivered(),
                result.delivered() == 1 ? "" : "s",
                (System.nanoTime() - began) / 1e9));
        return 0;
    }
}
