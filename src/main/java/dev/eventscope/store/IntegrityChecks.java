package dev.eventscope.store;

import java.util.List;
import java.util.function.Supplier;

/** What the storage layer can say about its own health, for {@code verify}. */
public interface IntegrityChecks {

    /**
     * Problems the storage engine's own check finds, each starting with what it is about ("file:
     * …" for a store file); empty when none. With {@code full} the check may read every page.
     */
    List<String> storageProblems(boolean full);

    /**
     * Starts {@link #storageProblems} so that it can run while the caller reads the events, and
     * returns what waits for its answer. An adapter whose check needs the store's own connection
     * runs it here, before returning (the default).
     */
    default Supplier<List<String>> startStorageProblems(boolean full) {
        List<String> problems = storageProblems(full);
        return () -> problems;
    }

    /** Objects in the store that the tool did not create, or that differ from what it created. */
    List<String> schemaProblems();

    /**
     * The highest position ever assigned according to the store's own record of it, which outlives
     * deleted rows; compared with the last event's position it reveals a removed tail.
     */
    long positionHighWater();
}
