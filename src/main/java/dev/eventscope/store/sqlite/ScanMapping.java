package dev.eventscope.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store file mapped into memory ({@code PRAGMA mmap_size}) while one whole-store read runs, and
 * unmapped when it ends (ADR 0231). A read that seeks the table row by row in index order (the
 * correlations of {@code trace --summary --all}, the lookups of {@code lint}) then reads pages in
 * place instead of copying each one with a system call into SQLite's page cache. Only for reads
 * that end: the connection goes back to no mapping when this is closed.
 */
final class ScanMapping implements AutoCloseable {

    /** As much as SQLite allows (its build caps it at 1 TiB); the kernel maps only what is touched. */
    static final long BYTES = 1L << 40;

    private final Connection connection;

    private ScanMapping(Connection connection) {
        this.connection = connection;
    }

    /** Maps the file of {@code connection}; {@code doing} and {@code file} name a failure. */
    static ScanMapping on(Connection connection, Path file, String doing) {
        set(connection, file, doing, BYTES);
        return new ScanMapping(connection);
    }

    private static void set(Connection connection, Path file, String doing, long bytes) {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA mmap_size = " + bytes);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, doing, file);
        }
    }

    /** Unmaps the file; a failure to do so leaves a mapping that SQLite drops with the connection. */
    @Override
    public void close() {
        try (Statement st = connection.createStatement()) {
            st.execute("PRAGMA mmap_size = 0");
        } catch (SQLException ignored) {
            // the mapping goes with the connection; nothing to recover
        }
    }
}
