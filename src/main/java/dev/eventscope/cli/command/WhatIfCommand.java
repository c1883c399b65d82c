package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.PatchView;
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
                    + " of the event they follow."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs whatif pay-0013 --drop 688c2fb9-497a-4b46-8bac-0b5c64d7341f",
            "  evs whatif order-0042 --insert item.json --after EVENT_ID",
            "  evs whatif pay-0013 --replace EVENT_ID=failed.json -o table",
            "  evs whatif S45359 --drop 4cd81ff7-60af-518e-979c-5ef4b02c92e5 \\",
            "             --at 2001-01-01T00:00:00Z"
        })
public final class WhatIfCommand extends BaseCommand {

    @Completes(LiveValues.Kind.AGGREGATE_ID)
    @Parameters(paramLabel = "ID", description = "The aggregate id.")
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

    @Option(names = "--after", paramLabel = "EVENT_ID", description = "Where the matching --insert goes.")
    List<String> afters = new ArrayList<>();

    @Option(
            names = "--replace",
            paramLabel = "EVENT_ID=FILE",
            description = "Replace this event by the one in FILE (repeatable).")
    List<String> replaces = new ArrayList<>();

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
            return 0;
        }
        if (f == OutputFormat.NDJSON) {
            JsonOut.line(out(), r.json());
        } else {
            JsonOut.pretty(out(), r.json());
        }
        return 0;
    }

    private List<Edit> edits() {
        if (inserts.size() != afters.size()) {
            throw new UsageException(
                    "each --insert FILE needs its --after EVENT_ID (" + inserts.size() + " --insert, " + afters.size()
                            + " --after)",
                    "e.g. --insert refund.json --after 550e8400-e29b-41d4-a716-446655440000");
        }
        List<Edit> edits = new ArrayList<>();
        for (String d : drops) {
            edits.add(new Edit.Drop(eventId("--drop", d)));
        }
        for (int i = 0; i < inserts.size(); i++) {
            edits.add(new Edit.Insert(eventId("--after", afters.get(i)), inserts.get(i)));
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
                    "give --drop, --insert/--after or --replace");
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
