package dev.eventscope.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.cli.render.DecisionOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.decide.Command;
import dev.eventscope.decide.Outcome;
import dev.eventscope.engine.CommandService;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.Text;
import dev.eventscope.ingest.EventParts;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs exec COMMAND_TYPE}: commands decided by the model's deciders, their events appended. */
@picocli.CommandLine.Command(
        name = "exec",
        description = {
            "Run a command through the model's decider ('commands:'): fold its target aggregate to the store's head,"
                    + " decide, and append the events decided with the version folded as the expected version, so a"
                    + " concurrent append to the aggregate is a conflict (exit 3; --retry N decides again against the"
                    + " new state). The events carry the command's id as causationId and its correlationId.",
            "A rejection prints its reason and exits 1; nothing is written. --dry-run shows the events without"
                    + " appending them. With --at, --as-of or --position the command is decided against the state at"
                    + " that cut and nothing is ever written: would it have been accepted then?",
            "--file holds one command or a JSON array of them, run in order until the first rejection. A command"
                    + " whose id already caused events of its target is not run again (already executed).",
            "--as-issued decides each command of the file against the events that had happened before its own"
                    + " timestamp: would each have been accepted when it was issued? It decides every command,"
                    + " and exits 1 if any was rejected."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs exec ShipOrder --payload '{\"orderId\":\"order-0081\",\"carrier\":\"DHL\"}'",
            "  evs exec AddOrderItem --payload @item.json --command-id cmd-add-2 --retry 3",
            "  evs exec --file commands.json --dry-run -o json",
            "  evs exec ShipOrder --payload '{\"orderId\":\"order-0042\",\"carrier\":\"UPS\"}' \\",
            "           --at 2024-01-20T00:00:00Z        # decided then; never writes",
            "  evs exec --file shipments.json --as-issued -o ndjson   # each at its own time"
        })
public final class ExecCommand extends BaseCommand {

    /** The most {@code --file} reads: commands are held in memory. */
    private static final int MAX_FILE = 16 << 20;

    @Completes(LiveValues.Kind.COMMAND_TYPE)
    @Parameters(
            paramLabel = "COMMAND_TYPE",
            arity = "0..1",
            description = "The command type, a key of the model's 'commands:' (with --file: the type of commands"
                    + " that name none).")
    String type;

    @Option(names = "--payload", paramLabel = "JSON|@FILE|-", description = "The command's payload object.")
    String payload;

    @Option(
            names = "--file",
            paramLabel = "FILE|-",
            description = "A JSON file holding one command or an array: {\"commandType\", \"commandId\","
                    + " \"timestamp\", \"payload\", \"metadata\"}, all but the payload optional.")
    String file;

    @Option(names = "--command-id", paramLabel = "ID", description = "The command's id (default: a random UUID).")
    String commandId;

    @Option(
            names = "--correlation-id",
            paramLabel = "ID",
            description = "The correlationId its events carry (default: the command's id).")
    String correlationId;

    @Option(names = "--user", paramLabel = "USER", description = "The userId its events carry.")
    String user;

    @Option(
            names = "--timestamp",
            paramLabel = "TIME",
            description = "When the command was issued, the rules' $command.timestamp and the events' default time"
                    + " (default: now, or the time of --at or --as-of).")
    String timestamp;

    @Option(
            names = "--retry",
            paramLabel = "N",
            defaultValue = "0",
            description = "Decide again up to N times when another writer changed the aggregate meanwhile"
                    + " (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--dry-run", description = "Decide and print the events, append nothing.")
    boolean dryRun;

    @Option(
            names = "--as-issued",
            description = "Decide each command on its own against the events that had happened before its"
                    + " timestamp (which every command must give); never writes. A replay of commands against the"
                    + " history they met.")
    boolean asIssued;

    @Option(
            names = "--explain",
            description = "On stderr, before each append: the command, the stream and the version it was decided"
                    + " against, which the append expects (a run that writes nothing appends nothing).")
    boolean explain;

    @Mixin
    CutOptions cutOptions;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table (default), json or ndjson.")
    String format;

    @Override
    public Integer call() {
        OutputFormat f = OutputFormat.parse(
                format, OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.NDJSON);
        JsonNode document = file != null ? fromFile() : null;
        List<Command> commands = document != null
                ? engine().commands().read(document, type, file.equals("-") ? "standard input" : file)
                : fromFlags();
        var options = new CommandService.ExecOptions(commands, cutOptions.spec(null), dryRun, retries, asIssued);
        List<Outcome> outcomes;
        try (DecisionOut out = DecisionOut.of(out(), f, document != null && document.isArray())) {
            outcomes = engine().commands().exec(options, out::print, a -> {
                if (explain) {
                    err().println("exec: " + Text.printable(a.commandId(), 80) + " decided against "
                            + Text.printable(a.stream().toString(), 160) + " at version "
                            + a.expectedVersion() + ": appending " + a.events() + " event"
                            + (a.events() == 1 ? "" : "s") + " expecting that version");
                    err().flush();
                }
            });
        }
        boolean rejected = outcomes.stream().anyMatch(o -> o.status() == Outcome.Status.REJECTED);
        if (rejected && outcomes.size() < commands.size()) {
            int left = commands.size() - outcomes.size();
            note(left + " later command" + (left == 1 ? " was" : "s were") + " not run: a run stops at the first"
                    + " rejection");
        }
        if (asIssued) {
            long accepted = outcomes.stream()
                    .filter(o -> o.status() == Outcome.Status.ACCEPTED)
                    .count();
            long refused = outcomes.stream()
                    .filter(o -> o.status() == Outcome.Status.REJECTED)
                    .count();
            note("as issued: " + outcomes.size() + " command" + (outcomes.size() == 1 ? "" : "s") + " decided, "
                    + accepted + " accepted, " + refused + " rejected, " + (outcomes.size() - accepted - refused)
                    + " already executed by then");
        }
        return rejected ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private JsonNode fromFile() {
        if (payload != null || commandId != null || correlationId != null || user != null || timestamp != null) {
            throw new UsageException(
                    "--file cannot be combined with flags that describe a command",
                    "put everything in the file, or leave --file out");
        }
        byte[] bytes = InputFiles.read(file, "--file", MAX_FILE, "run fewer commands at once");
        try {
            return Json.parse(bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage()
                    : e.getMessage();
            throw new dev.eventscope.error.InvalidInputException(
                    "--file " + file + " is not valid JSON: " + reason, "give one command object or an array of them");
        }
    }

    private List<Command> fromFlags() {
        if (type == null) {
            throw new UsageException(
                    "a command needs its COMMAND_TYPE (or --file)",
                    "e.g. evs exec ShipOrder --payload '{\"orderId\":\"order-1\"}'; the model's command types"
                            + " complete in 'evs shell'");
        }
        int max = new EventJson.ReadOptions(null, EventJson.DEFAULT_MAX_PAYLOAD).maxRecordBytes();
        EventParts.Document body = payload == null ? null : InputFiles.document(payload, "--payload", max);
        return engine().commands()
                .read(new CommandService.CommandParts(type, commandId, timestamp, body, correlationId, user));
    }
}
