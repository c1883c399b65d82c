package dev.eventscope.store;

/**
 * Read-only SQL over the store file (read models, and the events table, which is a public
 * contract): one SELECT (or WITH … SELECT) statement on a connection opened read-only.
 */
public interface ReadModelQuery {

    /**
     * Runs {@code sql}.
     *
     * @throws dev.eventscope.error.UsageException when it is not a single read-only query
     * @throws dev.eventscope.error.InvalidInputException when SQLite cannot run it
     * @throws dev.eventscope.error.NotFoundException when it names a read-model table that does not
     *     exist
     */
    QueryResult query(String sql);
}
