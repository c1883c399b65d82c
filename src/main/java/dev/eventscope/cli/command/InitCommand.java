package dev.eventscope.cli.command;

import dev.eventscope.store.StoreHead;
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
        var file = workspace().settings().db();
        boolean existed = workspace().stores().exists(file);
        StoreHead head = workspace().createStore().head();
        if (existed) {
            out().println("store " + file + " already exists (" + head.events() + " events)");
        } else {
            out().println("created store " + file);
        }
        return 0;
    }
}
