package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.store.StoreHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code evs head}: the end of the hash chain, to pin elsewhere. */
@Command(
        name = "head",
        description = {
            "Print the chain head as POSITION:HASH. Keep it somewhere else (a CI log, a ticket); later,"
                    + " 'evs verify --expect-head POSITION:HASH' proves nothing up to it changed or vanished."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  evs head", "  evs verify --expect-head \"$(evs head)\""})
public final class HeadCommand extends BaseCommand {

    @Mixin
    Output.Reports output;

    @Override
    public Integer call() {
        OutputFormat format = output.get();
        StoreHead head = engine().integrity().head();
        if (format == OutputFormat.TABLE) {
            out().println(head.position() + ":" + (head.isEmpty() ? "" : head.hash()));
        } else if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), head.json());
        } else {
            JsonOut.line(out(), head.json());
        }
        return 0;
    }
}
