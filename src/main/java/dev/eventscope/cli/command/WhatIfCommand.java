package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.PatchView;
import dev.eventscope.cli.render.SagaOut;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.FoldService;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.Text;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.WhatIf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs whatif ID}: the state under an edited history, next to the real one. */
@Command(
        name = "whatif",
        description = {
            "The state of one aggregate under an edited history, next to the real state, and the JSON Patch from"
                    + " the real to the hypothetical one. The store is never changed.",
            "Edits name events by eventId. Inserted and replacing events are JSON files in the event shape;"
                    + " aggregateType and aggregateId may be left out. Inserted events take the position and version"
                    + " of the event they follow.",
            "A command (--command, with the model's deciders) is decided against the hypothetical history up to"
                    + " the event it follows, issued at that event's time unless it gives its own; the events it"
                    + " decides are inserted there. A rejection is listed with the edits and inserts nothing."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs whatif pay-0013 --drop 688c2fb9-497a-4b46-8bac-0b5c64d7341f",
            "  evs whatif order-0042 --insert item.json --after EVENT_ID",
            "  evs whatif pay-0013 --replace EVENT_ID=failed.json -o table",
            "  evs whatif order-0042 --command cancel.json --after EVENT_ID",
            "  evs whatif S45359 --drop 4cd81ff7-60af-518e-979c-5ef4b02c92e5 \\",
            "             --at 2001-01-01T00:00:00Z",
            "  evs whatif --saga fulfilment order-0010 --drop EVENT_ID -o table"
        })
public final class WhatIfCommand extends BaseCommand {

    @Completes(LiveValues.Kind.AGGREGATE_ID)
    @Parameters(paramLabel = "ID", description = "The aggregate id (with --saga: the saga instance id).")
    String id;

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "The aggregate type, if ambiguous.")
    String aggregateType;

    @Option(names = "--drop", paramLabel = "EVENT_ID", description = "Leave this event out (repeatable).")
    List<String> drops = new ArrayList<>();

    @Option(
            names = "--insert",
            paramLabel = "FILE",
            description = "Insert the event(s) in FILE (a JSON object or array) after the event of the matching"
                    + " --after (repeatable, in pairs).")
    List<Path> inserts = new ArrayList<>();

    @Option(
            names = "--command",
            paramLabel = "FILE",
            description = "Decide the command in FILE (one JSON command, as 'exec --file' takes) against the"
                    + " hypothetical state after the event of the matching --after, and insert the events it"
                    + " decides there (repeatable, in pairs; a rejection inserts nothing).")
    List<Path> commands = new ArrayList<>();

    @Option(
            names = "--after",
            paramLabel = "EVENT_ID",
            description = "Where the matching --insert or --command goes (in the order they are given).")
    List<String> afters = new ArrayList<>();

    @Option(
            names = "--replace",
            paramLabel = "EVENT_ID=FILE",
            description = "Replace this event by the one in FILE (repeatable).")
    List<String> replaces = new ArrayList<>();

    @Option(
            names = "--saga",
            paramLabel = "SAGA",
            description = "ID is an instance of this saga: show how the instance would have gone (its status,"
                    + " step, state, what it emitted and its deadlines) next to how it went.")
    String saga;

    @Option(
            names = "--now",
            paramLabel = "TIME",
            description = "With --saga: measure deadlines against TIME instead of the cut's time or the clock.")
    String now;

    @Mixin
    CutOptions cutOptions;

    @Mixin
    VersionOption versionOption;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "json (default), ndjson or table (for people).")
    String format;

    @Override
    public Integer call() {
        OutputFormat f = OutputFormat.parse(
                format, OutputFormat.JSON, OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.TABLE);
        if (saga != null) {
            return saga(f);
        }
        if (now != null) {
            throw new UsageException("--now applies with --saga", "an aggregate has no deadlines; leave --now out");
        }
        WhatIf.Result r = engine().folds()
                .whatIf(new FoldService.WhatIfOptions(
                        id, aggregateType, cutOptions.spec(versionOption.version), edits()));
        if (f == OutputFormat.TABLE) {
            out().println("whatif " + r.real().stream() + " at "
                    + r.real().cut().asOptions());
            out().println("edits          " + Json.write(r.edits()));
            out().println("real           v" + r.real().version() + " "
                    + Json.write(r.real().state()));
            out().println("hypothetical   v" + r.hypothetical().version() + " "
                    + Json.write(r.hypothetical().state()));
            out().println("difference");
            PatchView.print(out(), r.patch(), r.real().state(), "  ", main().color());
        } else if (f == OutputFormat.NDJSON) {
            JsonOut.line(out(), r.json());
        } else {
            JsonOut.pretty(out(), r.json());
        }
        out().flush();
        for (var edit : r.edits()) {
            if (edit.has("rejected")) {
                note("note: the command " + edit.get("commandType").asText() + " after "
                        + edit.get("after").asText() + " is rejected there ("
                        + edit.get("rejected").asText()
                        + "): it adds no events");
            }
        }
        return 0;
    }

    private int saga(OutputFormat f) {
        if (aggregateType != null || versionOption.version != null) {
            throw new UsageException(
                    "--aggregate-type and --version are about aggregates, not saga instances",
                    "cut a saga with --at, --as-of or --position");
        }
        var r = engine().folds()
                .whatIfSaga(new FoldService.SagaWhatIfOptions(saga, id, cutOptions.spec(null), now, edits()));
        if (f == OutputFormat.TABLE) {
            SagaOut.whatIf(out(), r, main().color());
        } else if (f == OutputFormat.NDJSON) {
            JsonOut.line(out(), r.json());
        } else {
            JsonOut.pretty(out(), r.json());
        }
        return 0;
    }

    private List<Edit> edits() {
        if (inserts.size() + commands.size() != afters.size()) {
            throw new UsageException(
                    "each --insert FILE and --command FILE needs its --after EVENT_ID (" + inserts.size()
                            + " --insert, " + commands.size() + " --command, " + afters.size() + " --after)",
                    "e.g. --insert refund.json --after 550e8400-e29b-41d4-a716-446655440000");
        }
        List<Edit> edits = new ArrayList<>();
        for (String d : drops) {
            edits.add(new Edit.Drop(eventId("--drop", d)));
        }
        // the n-th --after goes with the n-th --insert or --command, in the order they were given
        int insert = 0;
        int command = 0;
        int after = 0;
        for (ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
            if (!(arg instanceof OptionSpec option)) {
                continue;
            }
            if (option.longestName().equals("--insert")) {
                edits.add(new Edit.Insert(eventId("--after", afters.get(after++)), inserts.get(insert++)));
            } else if (option.longestName().equals("--command")) {
                edits.add(new Edit.Command(eventId("--after", afters.get(after++)), commands.get(command++)));
            }
        }
        for (String r : replaces) {
            int eq = r.indexOf('=');
            if (eq < 0) {
                throw new UsageException(
                        "--replace " + Text.printable(r, 80) + ": expected EVENT_ID=FILE",
                        "e.g. --replace 550e8400-e29b-41d4-a716-446655440000=fixed.json");
            }
            edits.add(new Edit.Replace(eventId("--replace", r.substring(0, eq)), Path.of(r.substring(eq + 1))));
        }
        if (edits.isEmpty()) {
            throw new UsageException(
                    "no edits: nothing would differ from the real history",
                    "give --drop, --insert/--after, --command/--after or --replace");
        }
        return edits;
    }

    private static UUID eventId(String option, String text) {
        try {
            return EventJson.parseEventId(text.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage(), "events are named by their eventId");
        }
    }
}
