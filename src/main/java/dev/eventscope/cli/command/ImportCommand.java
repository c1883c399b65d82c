package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.engine.EventService;
import dev.eventscope.ingest.ImportReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs import FILE|-}: bulk NDJSON import. */
@Command(
        name = "import",
        description = {
            "Import events from NDJSON (one event per line; a JSON array is accepted too). The summary"
                    + " goes to stderr (-q leaves it out); -o json or ndjson prints it on stdout instead.",
            "Nothing is written unless every line is valid: each bad line is reported (exit 65), unless"
                    + " --skip-invalid. Into a new, empty or small store the import is one transaction that"
                    + " builds the indexes at the end: nothing is visible until it commits, and a failed or"
                    + " killed import leaves the store as it was (a new store is not created). Into a larger"
                    + " store every line is checked first, then short transactions commit as they go. The"
                    + " import is idempotent by eventId: running it again skips (and counts) the events"
                    + " already stored, and so resumes an interrupted one. A line that carries streamVersion"
                    + " must land on exactly that version.",
            "When the model has a JSON Schema for an event's type and version ('schemas:'), an event that breaks it"
                    + " makes its line invalid, reported with the JSON path of every violation; --no-validate skips"
                    + " the schema checks."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs import samples/orders/events.ndjson",
            "  evs export | evs --db copy.db import -",
            "  evs import big.ndjson --skip-invalid --rejects rejected.ndjson"
        })
public final class ImportCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE|-", description = "The NDJSON file, or - for standard input.")
    String input;

    @Option(names = "--skip-invalid", description = "Import the valid lines and leave the invalid ones out.")
    boolean skipInvalid;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Write invalid lines, with reasons, as NDJSON.")
    Path rejects;

    @Option(
            names = "--no-validate",
            description = "Do not check events against the model's JSON Schemas (by default a line whose event breaks"
                    + " the schema of its type and version is invalid).")
    boolean noValidate;

    @Mixin
    PayloadLimitOption limit;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        boolean stdin = input.equals("-");
        EventService.ImportSource source = stdin
                ? new EventService.ImportSource.Stream(System.in, "standard input")
                : new EventService.ImportSource.File(Path.of(input), input);
        ImportReport report = engine().events()
                .importEvents(new EventService.ImportOptions(
                        source, skipInvalid, rejects, !noValidate, limit.bytes(), ProgressBars.of(main().quiet())));
        if (format == OutputFormat.TABLE) {
            // a summary for people: on stderr, as export's, and left out with -q (stdout holds results)
            note(String.format(
                    "imported %d events from %s (%d already present, %d invalid skipped) in %d transactions, %.1f s",
                    report.imported(),
                    report.source(),
                    report.skipped(),
                    report.rejected(),
                    report.batches(),
                    report.elapsed().toMillis() / 1000.0));
        } else if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), report.json());
        } else {
            JsonOut.line(out(), report.json());
        }
        return 0;
    }
}
