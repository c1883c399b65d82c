package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.engine.EventService;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs show ID}: one event by eventId or position. */
@Command(
        name = "show",
        description = {
            "Show one event, by eventId or by position, with its hash (the hash of the event as stored).",
            "The event is shown as read through the model's upcasters; --raw shows it as stored. When an upcaster"
                    + " splits it, the first event is shown (see 'evs upcast show ID' for all of them)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs show 42",
            "  evs show 550e8400-e29b-41d4-a716-446655440000 -o ndjson",
            "  evs show 42 --raw      # as stored, before the model's upcasters"
        })
public final class ShowCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "An eventId (UUID) or a position (a number).")
    String id;

    @Option(names = "--raw", description = "Show the event as stored, without the model's upcasters.")
    boolean raw;

    @Mixin
    Output.Documents output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        EventService.Shown shown = engine().events().show(id, raw);
        if (shown.parts() > 1) {
            note("evs: note: the upcasters split this event into " + shown.parts() + " events; see them all"
                    + " with 'evs upcast show " + shown.stored().position() + "'");
        }
        RecordedEvent e = shown.event();
        switch (format) {
            case NDJSON:
                JsonOut.line(out(), EventJson.toNode(e, true));
                break;
            case TABLE:
                String[][] rows = {
                    {"position", Long.toString(e.position())},
                    {"eventId", e.eventId().toString()},
                    {"eventType", e.eventType()},
                    {"stream", e.stream().toString()},
                    {"streamVersion", Long.toString(e.streamVersion())},
                    {"eventVersion", Integer.toString(e.eventVersion())},
                    {"timestamp", Times.format(e.timestamp())},
                    {"recordedAt", Times.format(e.recordedAt())},
                    {"payload", e.payload().text()},
                    {"metadata", e.metadata().text()},
                    {"hash", e.hash()}
                };
                for (String[] row : rows) {
                    out().printf("%-14s %s%n", row[0], Text.printable(row[1], 100_000));
                }
                break;
            default:
                JsonOut.pretty(out(), EventJson.toNode(e, true));
        }
        return 0;
    }
}
