package dev.eventscope.cli.command;

import dev.eventscope.cli.console.Interrupts;
import dev.eventscope.cli.console.ProgressBars;
import dev.eventscope.cli.render.QueryOut;
import dev.eventscope.engine.ProcessService;
import dev.eventscope.process.ReadModelQueries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs query SQL}: read-only SQL over the read models. */
@Command(
        name = "query",
        description = {
            "Run one read-only SQL query (SELECT or WITH … SELECT) over the read models (tables rm_<projection>;"
                    + " the events table can be read too). The store is opened read-only for it; anything else is"
                    + " refused (exit 2).",
            "A projection the query names that is behind the head is reported on stderr with how far;"
                    + " --catch-up processes those projections to the head first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs query 'select status, count(*) as orders from rm_orders group by status'",
            "  evs query --catch-up -o json \\",
            "      'select * from rm_orders where total > 100 order by total desc'",
            "  evs query 'select * from rm_orders' -o csv > orders.csv"
        })
public final class QueryCommand extends BaseCommand {

    @Parameters(paramLabel = "SQL", description = "One SELECT statement.")
    String sql;

    @Option(names = "--catch-up", description = "First process the projections the query names up to the head.")
    boolean catchUp;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var format = output.get();
        try (ReadModelQueries.Answer answer = engine().processing()
                .query(new ProcessService.QueryOptions(
                        sql, catchUp, catchUp ? Interrupts.install() : () -> false, ProgressBars.of(main().quiet())))) {
            for (ReadModelQueries.Staleness s : answer.stale()) {
                note("warning: " + s.table() + " is behind: " + s.behind() + " events for it after its checkpoint"
                        + " (position " + s.checkpoint() + ", head " + s.head() + ")"
                        + (s.parked() > 0 ? "; " + s.parked() + " events are parked as dead letters" : "")
                        + (catchUp ? "" : "; run 'evs process " + s.projection() + "' or pass --catch-up"));
            }
            QueryOut.print(out(), format, answer.result());
        }
        return 0;
    }
}
