package dev.eventscope.store;

import java.util.Map;
import java.util.Optional;

/**
 * Read-model tables: creating, checking, filling and swapping them. Row values are Java values
 * bound as SQL parameters: {@code String}, {@code Long}, {@code Double} or null.
 */
public interface ReadModels {

    /**
     * The columns of table {@code name} as the file has them, in the form of
     * {@link ReadModelTable#layout()}; empty when the table does not exist.
     */
    Optional<String> layout(String name);

    /** Creates {@code table}; it must not exist. */
    void create(ReadModelTable table);

    /** Drops table {@code name} when it exists. */
    void drop(String name);

    /** Replaces table {@code target} by table {@code source} (renamed), in the caller's transaction. */
    void replace(String source, String target);

    /**
     * Inserts the row, or when a row with its key exists, sets only the columns {@code row} gives.
     * {@code row} must hold the key.
     */
    void upsert(ReadModelTable table, Map<String, Object> row);

    /** Deletes the row with key {@code key}, if there is one. */
    void delete(ReadModelTable table, Object key);

    /** How many rows table {@code name} has. */
    long count(String name);
}
