package dev.eventscope.store.sqlite;

import dev.eventscope.store.IntegrityChecks;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * SQLite's own checks, and a comparison of the file's schema with the one the migrations create
 * (built afresh in memory, so the expectation is never a hand-kept copy).
 */
final class SqliteIntegrity implements IntegrityChecks {

    private final Connection connection;
    private final Path file;

    SqliteIntegrity(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    @Override
    public List<String> storageProblems(boolean full) {
        return check(connection, full);
    }

    /**
     * The check on a read-only connection of its own, on a thread of its own: it reads every page
     * of the file, as long as the caller's walk of the hash chain takes, and SQLite runs one
     * connection's statements one at a time.
     */
    @Override
    public Supplier<List<String>> startStorageProblems(boolean full) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try (Connection own = readOnly()) {
                        result.complete(check(own, full));
                    } catch (SQLException e) {
                        result.completeExceptionally(SqlErrors.translate(e, "checking the file", file));
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                "evs-storage-check");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            try {
                return result.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        };
    }

    /** The store file opened as any reader opens it, without upgrading its schema. */
    private Connection readOnly() {
        return StoreFile.open(
                file,
                new StoreOptions(
                        StoreLocator.file(file), StoreOptions.Access.READ_AS_IS, StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }

    private List<String> check(Connection c, boolean full) {
        List<String> problems = new ArrayList<>();
        // the check reads every page once: in place, without a system call and a copy each (ADR 0231)
        try (ScanMapping mapped = ScanMapping.on(c, file, "checking the file");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(full ? "PRAGMA integrity_check" : "PRAGMA quick_check")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.add("file: " + line);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "checking the file", file);
        }
        return problems;
    }

    @Override
    public List<String> schemaProblems() {
        Map<String, String> actual = schema(connection);
        Map<String, String> expected;
        try (Connection memory = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            Migrations.apply(memory, 0);
            expected = schema(memory);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot build the expected schema", e);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String found = actual.get(e.getKey());
            if (!actual.containsKey(e.getKey())) {
                problems.add("missing " + e.getKey());
            } else if (!Objects.equals(normalise(found), normalise(e.getValue()))) {
                problems.add("changed " + e.getKey() + ": " + normalise(found));
            }
        }
        for (Map.Entry<String, String> e : actual.entrySet()) {
            if (!expected.containsKey(e.getKey()) && !isAllowedExtra(e.getKey())) {
                problems.add("unexpected " + e.getKey() + (e.getValue() == null ? "" : ": " + normalise(e.getValue())));
            }
        }
        return problems;
    }

    /** Read-model tables ({@code rm_*}) are created by projections, and statistics by ANALYZE. */
    private static boolean isAllowedExtra(String key) {
        String name = key.substring(key.indexOf(' ') + 1);
        return name.startsWith("rm_")
                || name.startsWith("sqlite_autoindex_rm_")
                || name.equals("sqlite_stat1")
                || name.equals("sqlite_stat4");
    }

    @Override
    public long positionHighWater() {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'events'")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the position sequence", file);
        }
    }

    private Map<String, String> schema(Connection c) {
        Map<String, String> objects = new TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT type, name, sql FROM sqlite_master")) {
            while (rs.next()) {
                objects.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "reading the schema", file);
        }
        return objects;
    }

    private static String normalise(String sql) {
        return sql == null ? "" : sql.replaceAll("\\s+", " ").trim();
    }
}
