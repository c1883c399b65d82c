package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.EventRenderer;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.engine.EventService;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs export}: events as NDJSON that {@code import} reads back. */
@Command(
        name = "export",
        description = {
            "Write events as NDJSON, in position order, with the same filters as 'events'.",
            "The output imports again: 'evs --db copy.db import export.ndjson' reproduces every event"
                    + " (ids, streams, versions, types, times, payloads, metadata).",
            "Events are written as stored. --upcast writes them as read, through the model's upcasters (an export"
                    + " that imports again unless an upcaster splits or drops events; 'evs upcast migrate' copies a"
                    + " store with every event upcast)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs export > all.ndjson",
            "  evs export --aggregate-type Order --since 7d > recent-orders.ndjson",
            "  evs export | evs --db copy.db import -",
            "  evs export --upcast --type OrderPlaced > order-placed-latest.ndjson",
            "  evs -q export > all.ndjson        # without the summary line on stderr"
        })
public final class ExportCommand extends BaseCommand {

    @Mixin
    EventFilterOptions filter;

    @Option(names = "--upcast", description = "Write events as read through the model's upcasters, not as stored.")
    boolean upcast;

    @Override
    public Integer call() {
        long began = System.nanoTime();
        EventService.Listed result;
        try (EventRenderer renderer = new EventRenderer(out(), OutputFormat.NDJSON, false)) {
            result = engine().events()
                    .export(
                            new EventService.ExportOptions(filter.filter(), upcast, ProgressBars.of(main().quiet())),
                            renderer::accept);
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
