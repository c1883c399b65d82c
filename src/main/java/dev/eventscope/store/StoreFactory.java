package dev.eventscope.store;

import java.nio.file.Path;

/** Opens and creates store files (the adapter behind the port). */
public interface StoreFactory {

    /** Opens the store described by {@code options}. */
    EventStore open(StoreOptions options);

    /**
     * Creates a new store file at {@code file} to copy events into.
     *
     * @throws dev.eventscope.error.StoreIoException when it cannot be created (or exists already)
     */
    StoreCopy createCopy(Path file);
}
