package dev.eventscope.store.postgres;

import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.postgres.PgConnect;
import dev.eventscope.store.StoreLocator;
import java.sql.SQLException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns PostgreSQL failures into the engine's failure kinds by SQLSTATE (never by message text),
 * with the facts and a hint. Failures that are not about the store (a bug in our SQL) come back as
 * unchecked exceptions.
 */
final class PgErrors {

    /** Serialization failure, deadlock, lock not available, server shutting down: try again. */
    static final Set<String> TRANSIENT = Set.of("40001", "40P01", "55P03", "57P03");

    static final String UNIQUE_VIOLATION = "23505";
    static final String INSUFFICIENT_PRIVILEGE = "42501";
    static final String READ_ONLY_TRANSACTION = "25006";
    static final String UNDEFINED_TABLE = "42P01";
    static final String QUERY_CANCELED = "57014";

    private PgErrors() {}

    static boolean isTransient(SQLException e) {
        return e.getSQLState() != null && TRANSIENT.contains(e.getSQLState());
    }

    /** The connection is gone (network, server restart, backend terminated). */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02"));
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** The name of the constraint a violation names, or "" (from the server's fields, not the text). */
    static String constraint(SQLException e) {
        if (e instanceof PSQLException pe) {
            ServerErrorMessage m = pe.getServerErrorMessage();
            if (m != null && m.getConstraint() != null) {
                return m.getConstraint();
            }
        }
        return "";
    }

    /** The table an error names, or "". */
    static String table(SQLException e) {
        if (e instanceof PSQLException pe) {
            ServerErrorMessage m = pe.getServerErrorMessage();
            if (m != null && m.getTable() != null) {
                return m.getTable();
            }
        }
        return "";
    }

    /**
     * The engine failure for {@code e}, raised while {@code doing} something with the store at
     * {@code pg}.
     */
    static RuntimeException translate(SQLException e, String doing, StoreLocator.Postgres pg) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = pg.toString();
        if (isConnectionLost(e)) {
            return new StoreIoException(
                    "the connection to PostgreSQL at " + pg.where() + " was lost while " + doing + " ("
                            + PgConnect.firstLine(e.getMessage()) + ")",
                    "check the server; nothing of this unit was written, run the command again",
                    e);
        }
        if (isTransient(e)) {
            return new StoreBusyException(
                    "store " + where + " stayed locked by another writer while " + doing,
                    "retry later; another process is writing to the same store",
                    e);
        }
        switch (state) {
            case INSUFFICIENT_PRIVILEGE:
                return privilege(pg, doing, PgConnect.firstLine(e.getMessage()).replaceFirst("^ERROR:\\s*", ""));
            case READ_ONLY_TRANSACTION:
                return new StoreIoException(
                        "cannot write to " + where + " while " + doing + ": the server is read-only (a replica?)",
                        "write to the primary's URL; replicas serve reading commands and copy",
                        e);
            case "53100":
                return new StoreIoException(
                        "the PostgreSQL server's disk is full while " + doing + "; nothing of this unit was written",
                        "free space on the server and run the command again",
                        e);
            case "53200":
                return new StoreIoException(
                        "the PostgreSQL server ran out of memory while " + doing,
                        "retry with a smaller batch, or ask the server's administrator",
                        e);
            case "3F000":
                return new NotFoundException(
                        "no schema " + pg.schema() + " in database " + pg.database() + " while " + doing,
                        "create the store with 'evs --db URL init'",
                        e);
            case "XX001":
            case "XX002":
                return new StoreIoException(
                        "PostgreSQL reports damaged data in " + where + " while " + doing + ": "
                                + PgConnect.firstLine(e.getMessage()),
                        "restore from a backup; run evs verify on a copy",
                        e);
            default:
                return new IllegalStateException(
                        "PostgreSQL failed while " + doing + " (SQLSTATE " + state + "): " + e.getMessage(), e);
        }
    }

    /** The role lacks a privilege the command needs. */
    static StoreIoException privilege(StoreLocator.Postgres pg, String doing, String detail) {
        return new StoreIoException(
                "user " + pg.user() + " may not do this in schema " + pg.schema() + " while " + doing + " (" + detail
                        + ")",
                "reading commands need USAGE on the schema and SELECT on its tables; writing ones need a role that"
                        + " owns the schema or has INSERT and UPDATE on it");
    }

    /** Rethrows engine failures unchanged and translates everything else. */
    static RuntimeException rethrow(Throwable t, String doing, StoreLocator.Postgres pg) {
        if (t instanceof EventscopeException ee) {
            return ee;
        }
        if (t instanceof SQLException se) {
            return translate(se, doing, pg);
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(t);
    }
}
