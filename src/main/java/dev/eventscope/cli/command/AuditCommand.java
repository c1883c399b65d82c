package dev.eventscope.cli.command;

import dev.eventscope.audit.AuditEntry;
import dev.eventscope.audit.Timeline;
import dev.eventscope.cli.render.AuditOut;
import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.AuditService;
import dev.eventscope.event.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs audit ID | --user U}: who changed what, when. */
@Command(
        name = "audit",
        description = {
            "The complete history of one aggregate as a timeline: each change with who made it (metadata.userId),"
                    + " when (valid time = timestamp, record time = recordedAt) and what changed in the state"
                    + " (the JSON Patch of each step, folded by the model's reducers; the payload when the"
                    + " aggregate type has none). --user U lists everything one user did, across aggregates.",
            "--since/--until limit the timeline by valid time; the state is always folded from the start, so"
                    + " each change shown is the true one. 'evs audit report' writes a report for compliance"
                    + " reviews.",
            ""
        },
        subcommands = {AuditReportCommand.class},
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs audit task-0042",
            "  evs audit case-891 --aggregate-type PermitApplication -o json",
            "  evs audit --user dana --since 7d",
            "  evs audit report --aggregate task-0042 report.html"
        })
public final class AuditCommand extends BaseCommand {

    @Completes(LiveValues.Kind.AGGREGATE_ID)
    @Parameters(paramLabel = "ID", arity = "0..1", description = "The aggregate id (or --user).")
    String id;

    @Option(names = "--aggregate-type", paramLabel = "TYPE", description = "The aggregate type, if ambiguous.")
    String aggregateType;

    @Option(names = "--user", paramLabel = "USER", description = "Everything this user did, across aggregates.")
    String user;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only changes whose timestamp is at or after TIME (ISO-8601, a date, or 2h/7d ago).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only changes whose timestamp is at or before TIME.")
    String until;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        Timeline t = engine().audit().timeline(new AuditService.TimelineOptions(id, aggregateType, user, since, until));
        if (!t.withState()) {
            note("note: no reducers for " + (id != null ? "this aggregate type" : "some aggregate types")
                    + " in the model: showing payloads instead of state changes");
        }
        if (format == OutputFormat.TABLE) {
            AuditOut.print(out(), t, user != null, main().palette());
        } else if (format == OutputFormat.JSON) {
            var array = Json.mapper().createArrayNode();
            t.entries().forEach(e -> array.add(e.json()));
            JsonOut.pretty(out(), array);
        } else {
            for (AuditEntry e : t.entries()) {
                JsonOut.line(out(), e.json());
            }
        }
        return 0;
    }
}
