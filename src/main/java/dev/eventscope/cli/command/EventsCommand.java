package dev.eventscope.cli.command;

import dev.eventscope.cli.render.EventRenderer;
import dev.eventscope.engine.EventService;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs events}: list and filter events. */
@Command(
        name = "events",
        description = "List events in position order, filtered.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs events --aggregate-type Order --aggregate-id order-0007",
            "  evs events --type OrderPlaced --since 2024-01-15T00:00:00Z \\",
            "             --until 2024-01-16T00:00:00Z -o ndjson",
            "  evs events --correlation-id req-1a2b3c4d",
            "  evs events --reverse --limit 10",
            "  evs events --where \\",
            "      '.payload.amount > 100 and .metadata.userId == \"payment-service\"'",
            "  evs events --follow            # keep printing new events; Ctrl-C stops",
            "  evs events --type OrderPlaced --raw   # as stored, before upcasting",
            "  evs events --aggregate-id case-3998 -x               # one field per line",
            "  evs events --type FineCreated --fields position,aggregateId,payload -o csv"
        })
public final class EventsCommand extends BaseCommand implements Paged {

    @Mixin
    EventFilterOptions filter;

    @Mixin
    Output.Lists output;

    @Mixin
    LayoutOptions layout;

    @Option(
            names = "--where",
            paramLabel = "EXPR",
            description = "Only events for which this JSLT condition is true (. and $event are the event, in its"
                    + " output shape, after upcasting).")
    String where;

    @Option(
            names = "--raw",
            description = "Show events as stored, without the model's upcasters (default: as every command reads"
                    + " them, upcast to the latest version).")
    boolean raw;

    @Option(names = "--follow", description = "After the matching events, keep printing new ones as they arrive.")
    boolean follow;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "250ms",
            description = "With --follow: how often to look for new events (default ${DEFAULT-VALUE}; a plain number"
                    + " is milliseconds).")
    String poll;

    @Override
    public boolean paged() {
        return !follow;
    }

    @Override
    public Integer call() throws InterruptedException {
        var format = output.get();
        var listing = engine().events()
                .listing(new EventService.ListOptions(
                        filter.filter(),
                        where,
                        raw,
                        follow
                                ? max(Duration.ofMillis(10), DurationOptions.parse("--poll", poll, ChronoUnit.MILLIS))
                                : null));
        try (EventRenderer renderer =
                new EventRenderer(out(), format, follow, layout.fields(), layout.vertical, main().palette())) {
            listing.run(renderer::accept, () -> false);
        }
        return 0;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
