package dev.eventscope.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A small real store and its model, made once per JVM, for targets that fuzz what reading
 * commands are given: the orders sample (418 events) and its model.
 */
final class Fixtures {

    private static Path store;

    private Fixtures() {}

    /** The repository's samples directory (tests run from the repository root). */
    static Path samples() {
        return Path.of("samples").toAbsolutePath();
    }

    static Path ordersModel() {
        return samples().resolve("orders/eventscope.yaml");
    }

    /** A directory holding {@code events.db} with the orders sample imported: do not write to it. */
    static synchronized Path ordersStore() {
        if (store == null) {
            Evs evs = new Evs(Evs.scratch("orders"));
            Evs.Run r =
                    evs.run("import", samples().resolve("orders/events.ndjson").toString());
            if (r.exit() != 0) {
                throw new IllegalStateException("cannot import the orders sample\n" + r);
            }
            store = evs.dir();
        }
        return store;
    }

    /** Copies the orders store's file to {@code dir/events.db}. */
    static void copyOrdersStore(Path dir) {
        try {
            Files.copy(
                    ordersStore().resolve("events.db"), dir.resolve("events.db"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
