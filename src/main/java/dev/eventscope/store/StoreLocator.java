package dev.eventscope.store;

import dev.eventscope.error.UsageException;
import dev.eventscope.postgres.PostgresUrl;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a store lives, as {@code --db} and {@code EVENTSCOPE_DB} name it: a SQLite file, or a schema
 * in a PostgreSQL database. The composition root picks the adapter by the kind of locator; nothing
 * below it opens a store by name.
 *
 * <p>{@link #toString()} is how the store is named to people (in messages, {@code stats}, {@code
 * top}); it never carries a secret.
 */
public sealed interface StoreLocator {

    /** The store's full name for people: a path as given. */
    @Override
    String toString();

    /** A short name for reports: the file name of a file, DATABASE/SCHEMA on a server. */
    String name();

    /** A store in one SQLite file. */
    record SqliteFile(Path file) implements StoreLocator {

        public SqliteFile {
            if (file == null) {
                throw new IllegalArgumentException("file is required");
            }
        }

        @Override
        public String name() {
            Path name = file.getFileName();
            return name == null ? file.toString() : name.toString();
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }

    /**
     * A store in one schema of a PostgreSQL database: the server, the database and the user of
     * {@code url}, and its schema (never null here). {@link #toString()} is the URL without its
     * password.
     */
    record Postgres(PostgresUrl url) implements StoreLocator {

        /** The schema a store lives in when the URL names none. */
        public static final String DEFAULT_SCHEMA = "eventscope";

        public Postgres {
            if (url == null || url.schema() == null) {
                throw new IllegalArgumentException("a PostgreSQL store needs a URL with a schema");
            }
        }

        public String host() {
            return url.host();
        }

        public int port() {
            return url.port();
        }

        public String database() {
            return url.database();
        }

        public String user() {
            return url.user();
        }

        public String schema() {
            return url.schema();
        }

        /** HOST:PORT, for messages. */
        public String where() {
            return url.where();
        }

        /** The same database and server, another schema. */
        public Postgres withSchema(String otherSchema) {
            return new Postgres(url.withSchema(otherSchema));
        }

        @Override
        public String name() {
            return url.database() + "/" + url.schema();
        }

        /** The URL without its password. */
        @Override
        public String toString() {
            return url.toString();
        }
    }

    /**
     * {@code text} with the password of any PostgreSQL URL in it replaced by {@code ***}: for what is
     * kept or shown of a command line (the shell's history).
     */
    static String redact(String text) {
        return PostgresUrl.redact(text);
    }

    /** The locator of a store file. */
    static StoreLocator file(Path file) {
        return new SqliteFile(file);
    }

    /**
     * Parses what {@code --db} or {@code EVENTSCOPE_DB} says.
     *
     * @param option how the text was given, for messages ("--db", "EVENTSCOPE_DB")
     * @throws UsageException when the text names no store
     */
    static StoreLocator parse(String text, String option) {
        if (text == null || text.isBlank()) {
            throw new UsageException(
                    option + " is empty", "pass a store file or a PostgreSQL URL, e.g. " + option + " events.db");
        }
        if (PostgresUrl.looksLikeOne(text)) {
            PostgresUrl url = PostgresUrl.parse(text, option, System.getenv());
            return new Postgres(url.schema() != null ? url : url.withSchema(Postgres.DEFAULT_SCHEMA));
        }
        try {
            return new SqliteFile(Path.of(text));
        } catch (InvalidPathException e) {
            throw new UsageException(
                    option + " '" + text + "' is not a file name: " + e.getReason(), "pass a store file name");
        }
    }
}
