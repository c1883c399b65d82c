package dev.eventscope.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads one kind of store's tables, page by page, in that store's own order, and maps each row to
 * a {@link SourceEvent}. Only reads: every statement is a SELECT, on a connection the caller opened
 * read-only, one short transaction per page.
 *
 * <p>A reader holds no connection; it is not thread-safe (it reuses its id digest).
 */
public interface SourceReader {

    SourceKind kind();

    /**
     * Checks that the source has this store's tables and columns, and learns the optional ones.
     *
     * @throws dev.eventscope.error.InvalidInputException naming the tables and columns expected
     */
    void checkLayout(Connection connection) throws SQLException;

    /**
     * Up to {@code limit} events after {@code after}, in the source's order. Fewer than {@code
     * limit} (or none) means the source held no more when the page was read.
     *
     * @throws dev.eventscope.error.InvalidInputException for a row that cannot be mapped (the
     *     message names its position and what is wrong)
     */
    List<SourceEvent> read(Connection connection, SourcePosition after, int limit) throws SQLException;
}
