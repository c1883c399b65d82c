package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.engine.EventService;
import dev.eventscope.engine.SourceService;
import dev.eventscope.error.UsageException;
import dev.eventscope.ingest.ImportReport;
import dev.eventscope.ingest.SourceImportReport;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs import FILE|-}: bulk NDJSON import; {@code evs import --from KIND SOURCE}: another store's tables. */
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
                    + " the schema checks.",
            "With --from KIND, SOURCE is another event store's database, a postgresql:// URL or a SQLite file,"
                    + " read only (read-only transactions, one short one per page of 1,000 events). KIND is one"
                    + " of marten, emmett, messagedb, axon, eventsourcing, res (RubyEventStore) or sql (any table,"
                    + " described by --mapping FILE). Its new events go through the same checks and the same"
                    + " all-or-nothing import as NDJSON. Each keeps where it came from in metadata.importedFrom"
                    + " (kind, source, position, stream, ...). A second run imports only what is new: it reads"
                    + " the event it imported last again, which must be unchanged. --follow keeps importing as"
                    + " the source grows. The summary counts the events per kind of loss (payloads kept as"
                    + " text, derived ids, ...); the README maps each store's fields to ours.",
            "Exit codes: 2 unknown KIND or bad options; 65 a source without that store's tables, a mapping"
                    + " file with errors (file:line:column), an event that cannot be imported, or an event"
                    + " imported before that is gone from the source; 3 an event imported before that changed;"
                    + " 66 no such SQLite file, mapping file or database; 74 an unreachable or unreadable source."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs import samples/orders/events.ndjson",
            "  evs export | evs --db copy.db import -",
            "  evs import big.ndjson --skip-invalid --rejects rejected.ndjson",
            "  evs import --from emmett emmett.sqlite --dry-run",
            "  evs import --from axon postgresql://me@db.example/orders --follow",
            "  evs import --from sql legacy.db --mapping events-mapping.yaml"
        })
public final class ImportCommand extends BaseCommand {

    @Parameters(
            paramLabel = "FILE|-|SOURCE",
            description = "The NDJSON file, or - for standard input; with --from, the other store's database (a"
                    + " postgresql:// URL or a SQLite file).")
    String input;

    @Option(
            names = "--from",
            paramLabel = "KIND",
            description = "Read another event store's tables: marten, emmett, messagedb, axon, eventsourcing, res"
                    + " or sql.")
    String from;

    @Option(
            names = "--schema",
            paramLabel = "NAME",
            description = "With --from: the PostgreSQL schema holding the store's tables (default: the store's own,"
                    + " or the URL's ?schema=).")
    String schema;

    @Option(
            names = "--table",
            paramLabel = "NAME",
            description = "With --from: the events table, where the store lets users rename it (Axon's"
                    + " domain_event_entry, eventsourcing's stored_events or {app}_events, ...).")
    String table;

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "With --from sql: the mapping file (YAML: table or query, order column, fields).")
    Path mapping;

    @Option(
            names = "--source-name",
            paramLabel = "NAME",
            description = "With --from: the name kept in metadata.importedFrom.source, which tells two sources of one"
                    + " kind apart and says where a re-run resumes (default: the file's name, or HOST:PORT/DB with"
                    + " the schema and table given).")
    String sourceName;

    @Option(
            names = "--dry-run",
            description = "With --from: show the first new events as they would be imported, and the counts per type"
                    + " and per loss; write nothing.")
    boolean dryRun;

    @Option(
            names = "--follow",
            description = "With --from: after importing, keep importing new events as the source grows (a mirror);"
                    + " Ctrl-C stops.")
    boolean follow;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "500ms",
            description = "With --follow: how often to look for new events (default ${DEFAULT-VALUE}; a plain number"
                    + " is milliseconds).")
    String poll;

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
    public Integer call() throws InterruptedException {
        if (from != null) {
            return importFrom();
        }
        for (var given : java.util.Map.of(
                        "--schema", schema != null,
                        "--table", table != null,
                        "--mapping", mapping != null,
                        "--source-name", sourceName != null,
                        "--dry-run", dryRun,
                        "--follow", follow)
                .entrySet()) {
            if (given.getValue()) {
                throw new UsageException(
                        given.getKey() + " is for importing from another store", "add --from KIND, or leave it out");
            }
        }
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

    private Integer importFrom() throws InterruptedException {
        if (skipInvalid || rejects != null) {
            throw new UsageException(
                    "--skip-invalid and --rejects are for NDJSON files: an import from another store is all or nothing",
                    "leave them out");
        }
        if (dryRun && follow) {
            throw new UsageException("--dry-run and --follow cannot be combined", "leave out one of them");
        }
        OutputFormat format = output.get();
        var options = new SourceService.ImportFromOptions(
                from,
                input,
                schema,
                table,
                mapping,
                sourceName,
                !noValidate,
                limit.bytes(),
                DRY_RUN_PREVIEW,
                ProgressBars.of(main().quiet()));
        if (dryRun) {
            SourceImportReport report = engine().sources().dryRun(options);
            if (format == OutputFormat.TABLE) {
                report.preview().forEach(out()::println);
                summary(report, true);
            } else {
                render(report, format);
            }
            return 0;
        }
        if (follow) {
            Duration every = DurationOptions.parse("--poll", poll, ChronoUnit.MILLIS);
            if (every.compareTo(Duration.ofMillis(10)) < 0) {
                every = Duration.ofMillis(10);
            }
            engine().sources()
                    .follow(
                            options,
                            every,
                            report -> {
                                if (format == OutputFormat.TABLE) {
                                    if (report.imported() > 0 || report.resumedAfter() == null) {
                                        summary(report, false);
                                    }
                                } else {
                                    JsonOut.line(out(), report.json());
                                }
                                out().flush();
                                err().flush();
                            },
                            () -> false);
            return 0;
        }
        SourceImportReport report = engine().sources().importFrom(options);
        if (format == OutputFormat.TABLE) {
            summary(report, false);
        } else {
            render(report, format);
        }
        return 0;
    }

    /** How many events a dry run prints. */
    static final int DRY_RUN_PREVIEW = 10;

    private void render(SourceImportReport report, OutputFormat format) {
        var json = report.json();
        if (dryRun) {
            var preview = json.putArray("preview");
            report.preview().forEach(line -> preview.add(dev.eventscope.event.Json.parseTrusted(line)));
        }
        if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), json);
        } else {
            JsonOut.line(out(), json);
        }
    }

    /** The summary for people, on stderr (left out with -q). */
    private void summary(SourceImportReport r, boolean dry) {
        String resumed = r.resumedAfter() == null
                ? ""
                : " after source position " + r.resumedAfter() + " (the event imported last is unchanged)";
        if (dry) {
            note(String.format(
                    "dry run: %d new events in %s%s; nothing was written", r.newEvents(), r.source(), resumed));
        } else {
            note(String.format(
                    "imported %d events from %s%s (%d already present) in %d transactions, %.1f s",
                    r.imported(),
                    r.source(),
                    resumed,
                    r.present(),
                    r.transactions(),
                    r.elapsed().toMillis() / 1000.0));
        }
        if (!r.types().isEmpty()) {
            StringBuilder b = new StringBuilder("  by type:");
            new java.util.TreeMap<>(r.types())
                    .forEach((t, n) ->
                            b.append(' ').append(t).append(' ').append(n).append(','));
            b.setLength(b.length() - 1);
            note(b.toString());
        }
        if (r.losses().isEmpty()) {
            if (r.newEvents() > 0) {
                note("  carried over whole: no event lost anything in the mapping");
            }
        } else {
            for (var loss : dev.eventscope.source.Loss.values()) {
                Long n = r.losses().get(loss);
                if (n != null) {
                    note("  " + n + (n == 1 ? " event: " : " events: ") + loss.description());
                }
            }
        }
        if (r.invalid() > 0) {
            note("  " + r.invalid() + " events would be refused:");
            r.problems().forEach(p -> note("    " + p));
        }
        if (r.openGaps() > 0) {
            note("  stopped before " + r.openGaps() + " gap(s) in the source's order that may still fill (a writer"
                    + " has not committed yet); the next run goes on from there");
        }
    }
}
