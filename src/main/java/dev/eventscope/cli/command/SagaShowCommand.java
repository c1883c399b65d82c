package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.SagaOut;
import dev.eventscope.cli.shell.Completes;
import dev.eventscope.cli.shell.LiveValues;
import dev.eventscope.engine.FoldService;
import dev.eventscope.error.UsageException;
import dev.eventscope.saga.SagaQueries;
import dev.eventscope.saga.draw.SagaSvg;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs saga show SAGA ID}: one instance's timeline. */
@Command(
        name = "show",
        description = {
            "One saga instance and its timeline: each event it took, the state after it, what it emitted (and"
                    + " where that is in the log), the deadlines set, cancelled and passed, and what failed.",
            "Events that 'evs process SAGA' would append but has not yet are marked (+) / not in the log."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs saga show fulfilment order-0042",
            "  evs saga show review 'task-0684#1@wf-task-0684-1' -o json",
            "  evs saga show fulfilment order-0042 --at 2024-01-16T00:00:00Z",
            "  evs saga show fulfilment order-0035 -o svg > timeline.svg"
        })
public final class SagaShowCommand extends BaseCommand {

    @Completes(LiveValues.Kind.SAGA)
    @Parameters(index = "0", paramLabel = "SAGA", description = "The saga.")
    String saga;

    @Completes(LiveValues.Kind.SAGA_INSTANCE)
    @Parameters(index = "1", paramLabel = "ID", description = "The instance id (what the association gives).")
    String id;

    @Option(
            names = "--now",
            paramLabel = "TIME",
            description = "Measure deadlines and waits against TIME instead of the cut's time or the clock.")
    String now;

    @Option(
            names = "--stuck-for",
            paramLabel = "DURATION",
            description = "How long a wait with no deadline pending makes it stuck (default: the saga's stuckAfter).")
    String stuckFor;

    @Mixin
    CutOptions cut;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "Output format: table (default), json, ndjson or svg (a drawing of the timeline: a row per"
                    + " step, what it emitted to the right, each deadline from the event that set it to where it"
                    + " passed).")
    String format;

    @Override
    public Integer call() {
        boolean svg = format != null && format.trim().equalsIgnoreCase("svg");
        OutputFormat f = svg ? OutputFormat.TABLE : format(format);
        SagaQueries.Shown shown =
                engine().folds().saga(new FoldService.SagaShowOptions(saga, id, cut.spec(null), now, stuckFor));
        if (svg) {
            out().print(SagaSvg.document(
                    shown.instance(), shown.cut().asOptions().strip(), shown.now()));
            out().flush();
        } else if (f == OutputFormat.TABLE) {
            SagaOut.show(
                    out(),
                    shown.instance(),
                    shown.cut().asOptions().strip(),
                    shown.now(),
                    "'evs process " + saga + "'",
                    main().color());
        } else if (f == OutputFormat.JSON) {
            JsonOut.pretty(out(), shown.instance().json(shown.cut().json(), shown.now()));
        } else {
            JsonOut.line(out(), shown.instance().json(shown.cut().json(), shown.now()));
        }
        shown.warnings().forEach(w -> note("warning: " + w));
        return 0;
    }

    private static OutputFormat format(String text) {
        if (text == null) {
            return OutputFormat.TABLE;
        }
        for (OutputFormat f : List.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.NDJSON)) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new UsageException(
                "-o " + text + " is not a format of this command", "use one of table, json, ndjson, svg");
    }
}
