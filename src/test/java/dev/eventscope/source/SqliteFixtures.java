package dev.eventscope.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The committed SQLite fixtures, copied before a test opens them so none is ever changed. */
final class SqliteFixtures {

    static final Path ROOT = Path.of("src", "test", "fixtures");

    private SqliteFixtures() {}

    /** A read-only connection to a copy of {@code fixture} (relative to src/test/fixtures) in {@code dir}. */
    static Connection open(String fixture, Path dir) throws SQLException {
        Path source = ROOT.resolve(fixture);
        Path copy = dir.resolve(source.getFileName());
        try {
            Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        return DriverManager.getConnection("jdbc:sqlite:" + copy, p);
    }

    /** Every event after {@code after}, read in pages of {@code pageSize}. */
    static List<SourceEvent> readAll(SourceReader reader, Connection c, SourcePosition after, int pageSize)
            throws SQLException {
        List<SourceEvent> all = new ArrayList<>();
        SourcePosition at = after;
        while (true) {
            List<SourceEvent> page = reader.read(c, at, pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            at = page.get(page.size() - 1).position();
        }
    }

    static SourceReader reader(SourceKind kind) {
        return SourceReaders.create(new SourceOptions(kind, Dialect.SQLITE, null, null));
    }
}
