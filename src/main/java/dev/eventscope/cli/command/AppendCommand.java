package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.engine.EventService;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import dev.eventscope.ingest.EventParts;
import dev.eventscope.store.AppendResult;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs append}: one event from flags, or one event or an array from a file, atomically. */
@Command(
        name = "append",
        description = {
            "Append one event given by flags, or the event or JSON array of events in --file, atomically:"
                    + " all are stored or none.",
            "Idempotent by eventId: appending events that are stored already, with the same content, succeeds"
                    + " and writes nothing; the same eventId with other content is a conflict (exit 3).",
            "When the model has a JSON Schema for an event's type and version ('schemas:'), an event that breaks it"
                    + " is refused (exit 65, nothing written) with the JSON path of every violation; --no-validate"
                    + " skips the check."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs append --type OrderPlaced --aggregate-type Order --aggregate-id order-17 \\",
            "             --payload '{\"customerId\":\"cust-1\",\"totalAmount\":59.98}' \\",
            "             --expected-version no-stream",
            "  evs append --file batch.json --expected-version 4",
            "  echo '{\"status\":\"late\"}' | evs append --type OrderDelayed \\",
            "             --aggregate-type Order --aggregate-id order-17 --payload - \\",
            "             --user ops-1"
        })
public final class AppendCommand extends BaseCommand {

    /** The most {@code --file} reads: a batch is held in memory and written in one transaction. */
    private static final int MAX_FILE = 16 << 20;

    @Option(names = "--type", paramLabel = "EVENT_TYPE", description = "The event type, e.g. OrderPlaced.")
    String type;

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "The aggregate type, e.g. Order.")
    String aggregateType;

    @Option(names = "--aggregate-id", paramLabel = "ID", description = "The aggregate id, e.g. order-17.")
    String aggregateId;

    @Option(names = "--payload", paramLabel = "JSON|@FILE|-", description = "The payload object (default {}).")
    String payload;

    @Option(names = "--metadata", paramLabel = "JSON|@FILE|-", description = "The metadata object (default {}).")
    String metadata;

    @Option(names = "--event-id", paramLabel = "UUID", description = "The eventId (default: a random UUID).")
    String eventId;

    @Option(
            names = "--event-version",
            paramLabel = "N",
            description = "The schema version of the event type (default 1).")
    Integer eventVersion;

    @Option(
            names = "--timestamp",
            paramLabel = "TIME",
            description = "When it happened, ISO-8601 with Z or an offset (default: now).")
    String timestamp;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Sets metadata.correlationId.")
    String correlationId;

    @Option(names = "--causation-id", paramLabel = "ID", description = "Sets metadata.causationId.")
    String causationId;

    @Option(names = "--user", paramLabel = "USER", description = "Sets metadata.userId.")
    String user;

    @Option(
            names = "--file",
            paramLabel = "FILE|-",
            description = "A JSON file holding one event or an array of events (at most 16 MiB).")
    String file;

    @Option(
            names = "--expected-version",
            paramLabel = "any|no-stream|exists|N",
            defaultValue = "any",
            description = "What the stream's current version must be (default: ${DEFAULT-VALUE}).")
    String expectedVersion;

    @Option(names = "--no-validate", description = "Do not check the events against the model's JSON Schemas.")
    boolean noValidate;

    @Mixin
    PayloadLimitOption limit;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        ExpectedVersion expected;
        try {
            expected = ExpectedVersion.parse(expectedVersion);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--expected-version: " + e.getMessage());
        }
        int maxPayload = limit.bytes();
        List<NewEvent> events = file != null ? fromFile(maxPayload) : List.of(fromFlags(maxPayload));
        AppendResult result = engine().events().append(new EventService.AppendOptions(events, expected, !noValidate));
        render(result, format);
        return 0;
    }

    private List<NewEvent> fromFile(int maxPayload) {
        if (type != null
                || aggregateType != null
                || aggregateId != null
                || payload != null
                || metadata != null
                || eventId != null
                || eventVersion != null
                || timestamp != null
                || correlationId != null
                || causationId != null
                || user != null) {
            throw new UsageException(
                    "--file cannot be combined with flags that describe an event",
                    "put everything in the file, or leave --file out");
        }
        byte[] bytes = InputFiles.read(
                file,
                "--file",
                Math.max(MAX_FILE, maxRecord(maxPayload)),
                "one append is meant for a few events; import large batches with 'evs import FILE'");
        return engine().events().read(bytes, file.equals("-") ? "standard input" : file, maxPayload);
    }

    private NewEvent fromFlags(int maxPayload) {
        if (type == null || aggregateType == null || aggregateId == null) {
            throw new UsageException(
                    "an event needs --type, --aggregate-type and --aggregate-id (or --file)",
                    "e.g. evs append --type OrderPlaced --aggregate-type Order --aggregate-id order-1 --payload '{}'");
        }
        if ("-".equals(payload) && "-".equals(metadata)) {
            throw new UsageException("only one of --payload and --metadata can be read from standard input");
        }
        int max = maxRecord(maxPayload);
        return engine().events()
                .read(
                        new EventParts(
                                type,
                                aggregateType,
                                aggregateId,
                                eventId,
                                eventVersion,
                                timestamp,
                                payload == null ? null : InputFiles.document(payload, "--payload", max),
                                metadata == null ? null : InputFiles.document(metadata, "--metadata", max),
                                correlationId,
                                causationId,
                                user),
                        maxPayload);
    }

    /** The most one event's JSON may take for a payload limit (see {@link EventJson.ReadOptions}). */
    private static int maxRecord(int maxPayload) {
        return new EventJson.ReadOptions(null, maxPayload).maxRecordBytes();
    }

    private void render(AppendResult result, OutputFormat format) {
        if (format == OutputFormat.TABLE) {
            for (RecordedEvent e : result.events()) {
                out().println((result.alreadyStored() ? "already stored: " : "appended ") + e.eventType() + " to "
                        + Text.printable(e.stream().toString(), 200) + " version " + e.streamVersion()
                        + " at position " + e.position() + " (eventId " + e.eventId() + ", "
                        + Times.format(e.timestamp()) + ")");
            }
        } else if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), result.json());
        } else {
            result.json().forEach(o -> JsonOut.line(out(), o));
        }
    }
}
