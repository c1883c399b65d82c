package dev.eventscope.cli.command;

import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.cli.render.UpcastOut;
import dev.eventscope.upcast.Preview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code evs upcast show ID|POSITION}: the chain applied to one event, step by step. */
@Command(
        name = "show",
        description = {
            "Show one stored event as stored, after each upcaster step, and as finally read, with the schema check"
                    + " of the result and the difference between the stored and the final event.",
            "Exit 65 when an upcaster fails on it (the steps before the failure are shown)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  evs upcast show 42", "  evs upcast show 1e48bc41-c6b5-4eeb-95f2-dfd15f032f83 -o json"})
public final class UpcastShowCommand extends BaseCommand {

    @Parameters(paramLabel = "ID|POSITION", description = "An eventId (UUID) or a position (a number).")
    String id;

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        Preview preview = engine().upcasts().show(id);
        UpcastOut.preview(out(), preview, format, main().color());
        if (preview.failure() != null) {
            out().flush();
            throw engine().upcasts().failure(preview);
        }
        return 0;
    }
}
