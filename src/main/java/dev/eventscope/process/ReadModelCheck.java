package dev.eventscope.process;

import dev.eventscope.error.ConflictException;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.store.Checkpoint;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.ReadModelTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks that a projection's table is there with the model's columns, creating it on the first run. */
final class ReadModelCheck {

    private ReadModelCheck() {}

    /**
     * Creates the table when the projection has never run; returns warnings (a changed projection).
     *
     * @throws ConflictException when the table is missing after the projection ran, or has other
     *     columns than the model declares
     */
    static List<String> prepare(ProcessingStore processing, ProjectionModel p, boolean create) {
        List<String> warnings = new ArrayList<>();
        ReadModelTable table = p.table();
        Optional<Checkpoint> checkpoint = processing.checkpoints().get(p.name());
        Optional<String> layout = processing.readModels().layout(table.name());
        if (layout.isEmpty()) {
            if (!create || checkpoint.isPresent() && checkpoint.get().position() > 0) {
                throw new ConflictException(
                        "the read model " + table.name() + " is missing, but projection " + p.name()
                                + checkpoint
                                        .map(c -> " has processed up to position " + c.position())
                                        .orElse(" has dead letters"),
                        "rebuild it: evs project rebuild " + p.name());
            }
            processing.inTransaction("creating " + table.name(), () -> {
                if (processing.readModels().layout(table.name()).isEmpty()) {
                    processing.readModels().create(table);
                }
                return null;
            });
        } else if (!layout.get().equals(table.layout())) {
            throw new ConflictException(
                    "the read model " + table.name() + " has the columns (" + layout.get()
                            + "), but the model declares (" + table.layout() + ")",
                    "rebuild it with the new columns: evs project rebuild " + p.name());
        }
        if (checkpoint.isPresent()
                && checkpoint.get().fingerprint() != null
                && !checkpoint.get().fingerprint().equals(p.fingerprint())) {
            warnings.add("projection " + p.name() + " changed since its rows were built (up to position "
                    + checkpoint.get().position() + "); those rows follow the old rules until 'evs project rebuild "
                    + p.name() + "'");
        }
        return warnings;
    }
}
