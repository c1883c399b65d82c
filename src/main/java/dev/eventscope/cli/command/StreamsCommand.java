package dev.eventscope.cli.command;

import dev.eventscope.cli.render.Csv;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.Palette;
import dev.eventscope.cli.render.Table;
import dev.eventscope.engine.EventService;
import dev.eventscope.event.Times;
import dev.eventscope.store.StreamSummary;
import java.util.Iterator;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs streams}: the streams with their figures. */
@Command(
        name = "streams",
        description = "List streams (one per aggregate) with event count, current version, and first and last time.",
        footerHeading = "%nExamples:%n",
        footer = {"  evs streams", "  evs streams --aggregate-type PermitApplication --limit 20", "  evs streams -o csv"
        })
public final class StreamsCommand extends BaseCommand implements Paged {

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "Only streams of this aggregate type.")
    String aggregateType;

    @Option(names = "--prefix", paramLabel = "TEXT", description = "Only aggregate ids starting with TEXT.")
    String prefix;

    @Option(names = "--limit", paramLabel = "N", description = "At most N streams.")
    Long limit;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        try (Stream<StreamSummary> streams =
                engine().events().streams(new EventService.StreamsOptions(aggregateType, prefix, limit))) {
            Iterator<StreamSummary> it = streams.iterator();
            switch (format) {
                case TABLE:
                    try (Table table = new Table(
                                    out(),
                                    new String[] {
                                        "AGGREGATE_TYPE", "AGGREGATE_ID", ">EVENTS", ">VERSION", "FIRST", "LAST"
                                    },
                                    new int[] {32, 48, 0, 0, 0, 0})
                            .colors(
                                    main().palette(),
                                    Palette.Role.AGGREGATE,
                                    Palette.Role.AGGREGATE,
                                    null,
                                    null,
                                    Palette.Role.TIME,
                                    Palette.Role.TIME)) {
                        while (it.hasNext()) {
                            StreamSummary s = it.next();
                            table.row(
                                    s.stream().aggregateType(),
                                    s.stream().aggregateId(),
                                    s.events(),
                                    s.version(),
                                    Times.format(s.firstTimestamp()),
                                    Times.format(s.lastTimestamp()));
                        }
                    }
                    break;
                case CSV:
                    Csv.row(
                            out(),
                            "aggregateType",
                            "aggregateId",
                            "events",
                            "version",
                            "firstPosition",
                            "lastPosition",
                            "firstTimestamp",
                            "lastTimestamp");
                    while (it.hasNext()) {
                        StreamSummary s = it.next();
                        Csv.row(
                                out(),
                                s.stream().aggregateType(),
                                s.stream().aggregateId(),
                                s.events(),
                                s.version(),
                                s.firstPosition(),
                                s.lastPosition(),
                                Times.format(s.firstTimestamp()),
                                Times.format(s.lastTimestamp()));
                    }
                    break;
                case JSON:
                    try (JsonOut.Array array = JsonOut.array(out())) {
                        it.forEachRemaining(s -> array.add(s.json()));
                    }
                    break;
                default:
                    it.forEachRemaining(s -> JsonOut.line(out(), s.json()));
            }
        }
        return 0;
    }
}
