package dev.eventscope.cli.command;

import dev.eventscope.cli.render.SagaOut;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.FoldService;
import dev.eventscope.error.UsageException;
import dev.eventscope.saga.SagaListing;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs saga list [SAGA]}: saga instances with their status, step, age, last event and deadlines. */
@Command(
        name = "list",
        description = {
            "List the instances of a saga (or of every saga of the model): association (the instance id), status"
                    + " (running, stuck or ended), the step it is in, its age, the last event it took, how long it"
                    + " has waited, its deadlines, and why it is stuck.",
            "Times are measured against --now, else the cut's time (--at, else --as-of), else the clock: 'which"
                    + " orders were stuck last Friday at noon, as we knew it then' is --at FRIDAY_NOON --as-of"
                    + " FRIDAY_NOON. A line on stderr gives the counts and the resolved cut."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs saga list",
            "  evs saga list fulfilment --stuck",
            "  evs saga list review --stuck --at 2024-07-05T18:00:00Z",
            "  evs saga list --status running --stuck-for 30m -o json"
        })
public final class SagaListCommand extends BaseCommand {

    @Completes(LiveValues.Kind.SAGA)
    @Parameters(paramLabel = "SAGA", arity = "0..1", description = "The saga (default: every saga of the model).")
    String saga;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            completionCandidates = Statuses.class,
            description = "Only instances that are running, stuck or ended.")
    String status;

    /** The values of --status, for shell completion. */
    static final class Statuses extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Statuses() {
            super(List.of("running", "stuck", "ended"));
        }
    }

    @Option(names = "--stuck", description = "Only stuck instances (the same as --status stuck).")
    boolean stuck;

    @Option(
            names = "--stuck-for",
            paramLabel = "DURATION",
            description = "A running instance with no deadline pending is stuck once it has waited this long"
                    + " (90s, 30m, 12h, 7d; default: the saga's stuckAfter, else 1h).")
    String stuckFor;

    @Option(
            names = "--now",
            paramLabel = "TIME",
            description = "Measure deadlines and waits against TIME instead of the cut's time or the clock.")
    String now;

    @Option(names = "--limit", paramLabel = "N", description = "At most N instances.")
    Integer limit;

    @Mixin
    CutOptions cut;

    @Mixin
    Output.Lists output;

    @Override
    public Integer call() {
        var format = output.get();
        if (stuck && status != null && !status.trim().equalsIgnoreCase("stuck")) {
            throw new UsageException("--stuck and --status " + status + " ask for different instances", "give one");
        }
        SagaListing listing = engine().folds()
                .sagas(new FoldService.SagaListOptions(
                        saga == null ? List.of() : List.of(saga),
                        cut.spec(null),
                        now,
                        stuckFor,
                        stuck ? "stuck" : status,
                        limit));
        SagaOut.list(out(), format, listing);
        listing.warnings().forEach(w -> note("warning: " + w));
        note(SagaOut.summary(listing));
        return 0;
    }
}
