package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.LintOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.engine.LintService;
import dev.eventscope.lint.LintReport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evs lint}: event-log anti-patterns. */
@Command(
        name = "lint",
        description = {
            "Find event-log anti-patterns: each rule reports its id, severity and count, with a few examples.",
            "The rules:",
            "  large-payload (warning)       payloads above --max-payload-bytes",
            "  missing-correlation (warning) events without a correlationId",
            "  dangling-causation (error)    a causationId in eventId form naming no stored",
            "                                event",
            "  time-backwards (warning)      a timestamp before the one before it in its",
            "                                stream",
            "  unknown-type (warning)        a type no reducer, projection or handler knows",
            "                                (needs a model)",
            "  no-upcast-path (error)        a stored schema version the upcasters cannot",
            "                                bring to the latest (needs a model)",
            "  not-past-tense (info)         a type name that is not a fact (UpdateOrder,",
            "                                not OrderUpdated; a heuristic)",
            "  record-lag (info)             recorded more than --max-record-lag after its",
            "                                timestamp",
            "  repeated-payload (warning)    the same type and payload twice in a row in a",
            "                                stream",
            "Exit 1 when an error-level rule finds something, 0 otherwise. The store answers the rules"
                    + " in SQL: on SQLite one scan of the events serves them all, on PostgreSQL each rule is"
                    + " one aggregate."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs lint",
            "  evs lint --rule dangling-causation --rule time-backwards",
            "  evs lint --max-payload-bytes 4096 --max-record-lag 7d -o json \\",
            "    | jq '.findings[] | select(.count > 0)'"
        })
public final class LintCommand extends BaseCommand {

    @Option(
            names = "--rule",
            paramLabel = "ID",
            description = "Run only this rule (repeatable, or comma-separated); default: all.")
    List<String> rules = new ArrayList<>();

    @Option(
            names = "--max-payload-bytes",
            paramLabel = "N",
            description = "The payload size (UTF-8 bytes) above which large-payload reports an event"
                    + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "16384")
    long maxPayloadBytes;

    @Option(
            names = "--max-record-lag",
            paramLabel = "DURATION",
            description = "How long after its timestamp an event may be recorded before record-lag reports it:"
                    + " 90s, 30m, 12h, 7d (default: ${DEFAULT-VALUE}).",
            defaultValue = "1d")
    String maxRecordLag;

    @Option(
            names = "--examples",
            paramLabel = "N",
            description = "Examples listed per rule (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int examples;

    @Mixin
    Output.TableOrJson output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        LintReport report =
                engine().lint().lint(new LintService.LintOptions(rules, maxPayloadBytes, maxRecordLag, examples));
        if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), report.json());
        } else {
            LintOut.table(out(), report, main().palette());
        }
        return report.failed() ? 1 : 0;
    }
}
