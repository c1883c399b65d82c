package dev.eventscope.cli.command;

import dev.eventscope.cli.render.Csv;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.Palette;
import dev.eventscope.cli.render.Table;
import dev.eventscope.event.Json;
import dev.eventscope.event.Times;
import dev.eventscope.store.StreamQuery;
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
    OutputOption output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        var query = new StreamQuery(aggregateType, prefix, limit);
        try (Stream<StreamSummary> streams = workspace().readStore().streams(query)) {
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
                default:
                    boolean array = format == OutputFormat.JSON;
                    boolean first = true;
                    if (array) {
                        out().print("[");
                    }
                    while (it.hasNext()) {
                        StreamSummary s = it.next();
                        if (array) {
                            out().print(first ? "\n" : ",\n");
                        }
                        first = false;
                        var o = Json.object();
                        o.put("aggregateType", s.stream().aggregateType());
                        o.put("aggregateId", s.stream().aggregateId());
                        o.put("events", s.events());
                        o.put("version", s.version());
                        o.put("firstPosition", s.firstPosition());
                        o.put("lastPosition", s.lastPosition());
                        o.put("firstTimestamp", Times.format(s.firstTimestamp()));
                        o.put("lastTimestamp", Times.format(s.lastTimestamp()));
                        out().print(Json.write(o));
                        if (!array) {
                            out().print('\n');
                        }
                    }
                    if (array) {
                        out().print(first ? "]\n" : "\n]\n");
                    }
            }
        }
        return 0;
    }
}
