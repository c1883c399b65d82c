package dev.eventscope.store;

import java.util.List;
import java.util.stream.Stream;

/**
 * The answer to a read-only SQL query: column names, and rows of values ({@code Long},
 * {@code Double}, {@code String}, {@code byte[]} or null) in the query's order. Close it.
 */
public record QueryResult(List<String> columns, Stream<List<Object>> rows) implements AutoCloseable {

    public QueryResult {
        columns = List.copyOf(columns);
    }

    @Override
    public void close() {
        rows.close();
    }
}
