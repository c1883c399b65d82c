package dev.eventscope.engine;

import dev.eventscope.spec.JUnitReport;
import dev.eventscope.spec.SpecResult;
import dev.eventscope.spec.SpecRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * Given-when-then specs of the model ({@code test}): events folded in memory through the same
 * pipeline and fold as stored ones, and upcaster cases. Needs a model. Reached through {@link
 * Engine#specs()}; one thread at a time, as its engine.
 */
public final class SpecService {

    private final Workspace workspace;

    SpecService(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The spec files to run, and where to write a JUnit XML report of them (null: nowhere). */
    public record SpecOptions(List<Path> files, Path junit) {
        public SpecOptions {
            files = List.copyOf(files);
        }
    }

    /** Every spec's result, in the order of the files; a malformed file fails before any runs. */
    public List<SpecResult> run(SpecOptions options) {
        List<SpecResult> results = new SpecRunner(workspace.model()).run(options.files());
        if (options.junit() != null) {
            JUnitReport.write(results, options.junit());
        }
        return results;
    }
}
