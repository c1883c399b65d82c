package dev.eventscope.cli.command;

import dev.eventscope.cli.console.ExitCodes;
import dev.eventscope.engine.SpecService;
import dev.eventscope.spec.SpecResult;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evs test SPEC...}: given-when-then specs for the model. */
@Command(
        name = "test",
        description = {
            "Run given-when-then specs (YAML) against the model's reducers: given events, when a cut (optional),"
                    + " then the exact state, a subset of it (contains), or an expected error.",
            "An upcast spec tests the upcasters instead: 'upcast:' a stored event, 'then: events:' the events it"
                    + " must become (each compared on the fields it gives), or 'then: error:'.",
            "Exit 1 when any spec fails, with the differences. No store is needed."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  evs --model samples/orders/eventscope.yaml test samples/orders/specs/*.yaml",
            "  evs test specs/*.yaml --junit target/evs-specs.xml"
        })
public final class TestCommand extends BaseCommand {

    @Parameters(paramLabel = "SPEC", arity = "1..*", description = "Spec files.")
    List<Path> files;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE.")
    Path junit;

    @Override
    public Integer call() {
        List<SpecResult> results = engine().specs().run(new SpecService.SpecOptions(files, junit));
        long failed = 0;
        for (SpecResult r : results) {
            if (r.passed()) {
                out().println("PASS  " + r.spec().name());
            } else {
                failed++;
                out().println("FAIL  " + r.spec().name() + "  (" + r.spec().where() + ")");
                for (String d : r.differences()) {
                    out().println("        " + d);
                }
            }
        }
        out().println((results.size() - failed) + " passed, " + failed + " failed");
        out().flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
