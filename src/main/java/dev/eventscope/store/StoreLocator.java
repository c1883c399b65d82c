package dev.eventscope.store;

import dev.eventscope.error.UsageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a store lives, as {@code --db} and {@code EVENTSCOPE_DB} name it: a SQLite file. The
 * composition root picks the adapter by the kind of locator; nothing below it opens a store by
 * name.
 *
 * <p>{@link #toString()} is how the store is named to people (in messages, {@code stats}, {@code
 * top}); it never carries a secret.
 */
public sealed interface StoreLocator {

    /** The store's full name for people: a path as given. */
    @Override
    String toString();

    /** A short name for reports: the file name of a file. */
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
            throw new UsageException(option + " is empty", "pass a store file, e.g. " + option + " events.db");
        }
        try {
            return new SqliteFile(Path.of(text));
        } catch (InvalidPathException e) {
            throw new UsageException(
                    option + " '" + text + "' is not a file name: " + e.getReason(), "pass a store file name");
        }
    }
}
