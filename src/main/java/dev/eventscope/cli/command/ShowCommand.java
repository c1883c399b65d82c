package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadEvents;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code evs show ID}: one event by eventId or position. */
@Command(
        name = "show",
        description = "Show one event, by eventId or by position, with its hash.",
        footerHeading = "%nExamples:%n",
        footer = {"  evs show 42", "  evs show 550e8400-e29b-41d4-a716-446655440000 -o ndjson"})
public final class ShowCommand extends BaseCommand {

    @Parameters(paramLabel = "ID", description = "An eventId (UUID) or a position (a number).")
    String id;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        OutputFormat format = output.get(OutputFormat.JSON, OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.TABLE);
        RecordedEvent e = find(workspace().readStore(), id);
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

    /** Finds an event by eventId or position, or fails as not found. */
    static RecordedEvent find(ReadEvents store, String id) {
        Optional<RecordedEvent> found;
        if (id.matches("\\d{1,18}")) {
            found = store.byPosition(Long.parseLong(id));
        } else {
            try {
                found = store.byId(EventJson.parseEventId(id));
            } catch (IllegalArgumentException e) {
                throw new UsageException(
                        "'" + Text.printable(id, 60) + "' is neither an eventId nor a position",
                        "pass a UUID such as 550e8400-e29b-41d4-a716-446655440000 or a number");
            }
        }
        return found.orElseThrow(() -> new NotFoundException(
                "no event " + Text.printable(id, 60) + " in the store", "list events with 'evs events'"));
    }
}
