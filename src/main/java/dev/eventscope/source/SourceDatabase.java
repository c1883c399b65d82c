package dev.eventscope.source;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreIoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

/**
 * The database another store keeps its tables in, opened for reading only: a SQLite file opened
 * read-only, or a PostgreSQL database whose transactions are all {@code READ ONLY} (ADR 0162).
 * Nothing here writes, creates or locks anything in the source beyond what a snapshot read takes.
 *
 * <p>Not thread-safe: one connection, used by one {@link SourceFeed}.
 */
public final class SourceDatabase implements AutoCloseable {

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final Dialect dialect;
    private final String shown;
    private final String label;
    private final String schema;

    private SourceDatabase(Connection connection, Dialect dialect, String shown, String label, String schema) {
        this.connection = connection;
        this.dialect = dialect;
        this.shown = shown;
        this.label = label;
        this.schema = schema;
    }

    /**
     * Opens {@code source}: a {@code postgresql://} URL (as {@code --db} takes them) or the path of
     * a SQLite file.
     *
     * @throws NotFoundException when the file does not exist
     * @throws InvalidInputException when the file is not a SQLite database
     * @throws StoreIoException when the database cannot be reached or read
     */
    public static SourceDatabase open(String source) {
        if (PostgresSource.isUrl(source)) {
            return PostgresSource.open(source);
        }
        return openSqlite(Path.of(source), source);
    }

    /** Whether {@code source} names a PostgreSQL database rather than a SQLite file. */
    public static boolean isPostgres(String source) {
        return PostgresSource.isUrl(source);
    }

    static SourceDatabase postgres(Connection connection, String shown, String label, String schema) {
        return new SourceDatabase(connection, Dialect.POSTGRES, shown, label, schema);
    }

    private static SourceDatabase openSqlite(Path file, String given) {
        if (!Files.exists(file)) {
            throw new NotFoundException(
                    "no source file " + given,
                    "give the path of the store's SQLite file, or a postgresql:// URL for a PostgreSQL source");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    "the source " + given + " is not a file", "give the path of the store's SQLite file");
        }
        byte[] header = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot read the source " + given + ": " + e.getMessage(), "check the file and its permissions", e);
        }
        if (read < header.length || !Arrays.equals(header, SQLITE_HEADER)) {
            throw new InvalidInputException(
                    "the source " + given + " is not a SQLite database",
                    "give the store's SQLite file, or a postgresql:// URL for a PostgreSQL source");
        }
        Properties p = new Properties();
        p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: the file is never written
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
            return new SourceDatabase(
                    c, Dialect.SQLITE, given, file.getFileName().toString(), null);
        } catch (SQLException e) {
            throw new StoreIoException(
                    "cannot open the source " + given + ": " + e.getMessage(), "check the file and its permissions", e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The source as messages show it (a URL without its password). */
    public String shown() {
        return shown;
    }

    /**
     * What names this source by default in {@code importedFrom.source}: the SQLite file's name, or
     * {@code HOST:PORT/DATABASE} of a PostgreSQL source.
     */
    public String label() {
        return label;
    }

    /** The schema the URL named ({@code ?schema=}), or null (SQLite: always null). */
    public String schema() {
        return schema;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was written; a failed close of a reading connection loses nothing
        }
    }
}
