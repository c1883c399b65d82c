package dev.eventscope.cli.command;

import dev.eventscope.engine.EventService;
import picocli.CommandLine.Command;

/** {@code evs init}: create an empty store. */
@Command(
        name = "init",
        description = "Create an empty store (other commands create it on first write too).",
        footerHeading = "%nExamples:%n",
        footer = {"  evs init", "  evs --db orders.db init"})
public final class InitCommand extends BaseCommand {

    @Override
    public Integer call() {
        EventService.InitResult result = engine().events().init();
        if (result.created()) {
            out().println("created store " + result.store());
        } else {
            out().println("store " + result.store() + " already exists (" + result.events() + " events)");
        }
        return 0;
    }
}
