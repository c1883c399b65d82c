package dev.eventscope.cli.command;

import dev.eventscope.cli.render.EventRenderer;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.inspect.EventBrowser;
import java.time.Instant;
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
            "  evs export | evs --db copy.db import -"
        })
public final class ExportCommand extends BaseCommand {

    @Mixin
    EventFilterOptions filter;

    @Override
    public Integer call() {
        var query = filter.query(workspace().settings().zone(), Instant.now());
        try (EventRenderer renderer = new EventRenderer(out(), OutputFormat.NDJSON, false)) {
            new EventBrowser(workspace().readStore()).list(query, null, renderer::accept);
        }
        return 0;
    }
}
