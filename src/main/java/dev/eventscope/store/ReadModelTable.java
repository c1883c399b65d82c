package dev.eventscope.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A read-model table ({@code rm_<projection>}): its name, its key column and its columns with their
 * SQLite types.
 *
 * <p>Table and column names cannot be bound as SQL parameters, so this record only admits names
 * made of {@code [a-z][a-z0-9_]*} (at most {@value #MAX_NAME} characters); the adapter quotes them
 * as well. Values are always bound.
 */
public record ReadModelTable(String name, String key, List<Column> columns) {

    /** Longest table or column name. */
    public static final int MAX_NAME = 63;

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");

    /** The SQLite types a read-model column may have. */
    public enum ColumnType {
        TEXT,
        INTEGER,
        REAL
    }

    /** One column. */
    public record Column(String name, ColumnType type) {
        public Column {
            requireIdentifier("column", name);
            if (type == null) {
                throw new IllegalArgumentException("column " + name + " needs a type");
            }
        }
    }

    public ReadModelTable {
        requireIdentifier("table", name);
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " appears twice in " + name);
            }
        }
        if (!names.contains(key)) {
            throw new IllegalArgumentException("key " + key + " is not a column of " + name);
        }
    }

    /** True when {@code text} is a name this record admits. */
    public static boolean isIdentifier(String text) {
        return text != null
                && text.length() <= MAX_NAME
                && IDENTIFIER.matcher(text).matches();
    }

    private static void requireIdentifier(String what, String text) {
        if (!isIdentifier(text)) {
            throw new IllegalArgumentException(
                    what + " name '" + text + "' must match [a-z][a-z0-9_]* (at most " + MAX_NAME + " characters)");
        }
    }

    /** The column named {@code column}, or null. */
    public Column column(String column) {
        for (Column c : columns) {
            if (c.name().equals(column)) {
                return c;
            }
        }
        return null;
    }

    /** The same columns under another table name (a rebuild builds beside the live table). */
    public ReadModelTable renamed(String newName) {
        return new ReadModelTable(newName, key, columns);
    }

    /** The columns as text, {@code id TEXT PRIMARY KEY, total REAL}: what the table must look like. */
    public String layout() {
        List<String> parts = new ArrayList<>(columns.size());
        for (Column c : columns) {
            parts.add(c.name() + " " + c.type() + (c.name().equals(key) ? " PRIMARY KEY" : ""));
        }
        return String.join(", ", parts);
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        List<String> out = new ArrayList<>(columns.size());
        for (Column c : columns) {
            out.add(c.name());
        }
        return out;
    }
}
