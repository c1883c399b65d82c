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

    private static final List<String> STATEMENTS = load();

    private Migrations() {}

    /** The schema version this build creates and understands. */
    static int latest() {
        return STATEMENTS.size();
    }

    /** Applies statements {@code from+1 .. latest} on {@code connection}, inside the caller's transaction. */
    static void apply(Connection connection, int from) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (int i = from; i < STATEMENTS.size(); i++) {
                st.execute(STATEMENTS.get(i));
            }
            st.execute("PRAGMA user_version = " + STATEMENTS.size());
        }
    }

    private static List<String> load() {
        List<String> statements = new ArrayList<>();
        for (String name : read("index.txt").split("\n")) {
            if (!name.isBlank()) {
                statements.add(read(name.trim()));
            }
        }
        return List.copyOf(statements);
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
