package dev.eventscope.source;

/** The SQL a source database speaks: each store keeps the same tables in either. */
public enum Dialect {
    SQLITE,
    POSTGRES
}
