package dev.eventscope.cli.command;

import dev.eventscope.cli.render.JsonOut;
import dev.eventscope.cli.render.OutputFormat;
import dev.eventscope.event.Json;
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
    OutputOption output;

    @Override
    public Integer call() {
        OutputFormat format =
                output.get(OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.NDJSON);
        StoreHead head = workspace().readStore().head();
        if (format == OutputFormat.TABLE) {
            out().println(head.position() + ":" + (head.isEmpty() ? "" : head.hash()));
            return 0;
        }
        var node = Json.object();
        node.put("position", head.position());
        node.put("hash", head.hash());
        node.put("events", head.events());
        if (format == OutputFormat.JSON) {
            JsonOut.pretty(out(), node);
        } else {
            JsonOut.line(out(), node);
        }
        return 0;
    }
}
