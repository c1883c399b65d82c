package dev.eventscope.source;

/**
 * How to read a source: its kind, its SQL dialect, and where the store's tables are when the
 * user moved or renamed them.
 *
 * @param kind the store
 * @param dialect the database the tables are in
 * @param schema the schema (PostgreSQL) holding the tables, or null for the store's default
 * @param table the events table when the store lets users rename it, or null for its default
 * @param name what tells this source apart from others of its kind in one store (kept as {@code
 *     importedFrom.source} on every event it gives), or null for none
 */
public record SourceOptions(SourceKind kind, Dialect dialect, String schema, String table, String name) {

    public SourceOptions(SourceKind kind, Dialect dialect, String schema, String table) {
        this(kind, dialect, schema, table, null);
    }

    public SourceOptions {
        if (kind == null || dialect == null) {
            throw new IllegalArgumentException("a source needs its kind and dialect");
        }
        if (schema != null && dialect == Dialect.SQLITE) {
            throw new dev.eventscope.error.UsageException(
                    "--schema names a PostgreSQL schema; a SQLite source has none", "leave out --schema");
        }
        if (!kind.supports(dialect)) {
            throw new dev.eventscope.error.UsageException(
                    kind.cliName() + " keeps its events only in PostgreSQL, not in a SQLite file",
                    "give a postgresql:// URL as the source");
        }
    }

    /** {@code schema}, or {@code fallback} when none was given (null in SQLite). */
    String schemaOr(String fallback) {
        if (dialect == Dialect.SQLITE) {
            return null;
        }
        return schema != null ? schema : fallback;
    }

    /** {@code table}, or {@code fallback} when none was given. */
    String tableOr(String fallback) {
        return table != null ? table : fallback;
    }
}
