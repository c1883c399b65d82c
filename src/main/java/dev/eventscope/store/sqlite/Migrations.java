package dev.eventscope.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store schema as numbered SQL resources, one statement each, listed in order in
 * {@code migrations/index.txt}. The schema version ({@code PRAGMA user_version}) is the number of
 * statements applied.
 */
final class Migrations {

    private static final String DIR = "migrations/";

    /** The statements' resource names, in order: all a store at the latest version needs. */
    private static final List<String> NAMES = names();

    private Migrations() {}

    /** The schema version this build creates and understands. */
    static int latest() {
        return NAMES.size();
    }

    /** Applies statements {@code from+1 .. latest} on {@code connection}, inside the caller's transaction. */
    static void apply(Connection connection, int from) throws SQLException {
        apply(connection, from, latest());
    }

    /** Applies statements {@code from+1 .. to}: the schema of version {@code to}. */
    static void apply(Connection connection, int from, int to) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (int i = from; i < to; i++) {
                st.execute(Statements.ALL.get(i));
            }
            st.execute("PRAGMA user_version = " + to);
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String name : read("index.txt").split("\n")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return List.copyOf(names);
    }

    /**
     * The statements' texts, read at the first {@link #apply} (a store created or upgraded, the
     * reference schema of {@code verify}, the copy of {@code upcast migrate}): each resource lookup
     * goes through the module system before the jar, and reading them all was a third of opening
     * a store that is already at the latest version (ADR 0044).
     */
    private static final class Statements {
        static final List<String> ALL = NAMES.stream().map(Migrations::read).toList();
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
