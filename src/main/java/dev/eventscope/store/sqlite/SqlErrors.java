package dev.eventscope.store.sqlite;

import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/** Turns SQLite failures into the engine's failure kinds, with the facts and a hint. */
final class SqlErrors {

    private static final int BUSY = 5;
    private static final int LOCKED = 6;
    private static final int NOMEM = 7;
    private static final int READONLY = 8;
    private static final int IOERR = 10;
    private static final int CORRUPT = 11;
    private static final int FULL = 13;
    private static final int CANTOPEN = 14;
    private static final int CONSTRAINT = 19;
    private static final int NOTADB = 26;

    private SqlErrors() {}

    /**
     * The engine failure for {@code e}, raised while {@code doing} something with {@code file}.
     * Failures that are not about the store (a bug in our SQL) come back as unchecked exceptions.
     */
    static RuntimeException translate(SQLException e, String doing, Path file) {
        RuntimeException noLibrary = nativeLibraryMissing(e);
        if (noLibrary != null) {
            return noLibrary;
        }
        int code = primaryCode(e);
        String where = file.toString();
        String detail = e.getMessage() == null ? "" : e.getMessage();
        switch (code) {
            case BUSY:
            case LOCKED:
                return new StoreBusyException(
                        "store " + where + " stayed locked by another writer while " + doing,
                        "retry later; another process is writing to the same file",
                        e);
            case READONLY:
                return new StoreIoException(
                        "cannot write to " + where + " while " + doing + ": the file or its directory is read-only",
                        "check the permissions of the store file, its -wal/-shm files and its directory",
                        e);
            case FULL:
                return new StoreIoException(
                        "the disk is full while " + doing + " (" + where + "); nothing of this unit was written",
                        "free some space and run the command again",
                        e);
            case CORRUPT:
            case NOTADB:
                return new StoreIoException(
                        where + " is damaged or not an SQLite database (" + firstLine(detail) + ")",
                        "check the path; run evs verify --full on a copy, or restore from a backup",
                        e);
            case IOERR:
            case CANTOPEN:
            case NOMEM:
                return new StoreIoException(
                        "I/O error on " + where + " while " + doing + ": " + firstLine(detail),
                        "check the disk, the path and its permissions",
                        e);
            default:
                return new IllegalStateException("SQLite failed while " + doing + ": " + detail, e);
        }
    }

    /**
     * The driver could not load SQLite's native library: it extracts the library into a temporary
     * directory and loads it from there, which fails where that directory is mounted noexec. Not a
     * bug, and not about the store: the message names the directory and how to pick another.
     */
    private static RuntimeException nativeLibraryMissing(SQLException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnsatisfiedLinkError
                    || t.getClass().getSimpleName().equals("NativeLibraryNotFoundException")) {
                String dir = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
                return new StoreIoException(
                        "cannot load SQLite's native library: it is extracted to " + dir
                                + " and loaded from there, which fails when that directory is on a noexec mount ("
                                + firstLine(String.valueOf(t.getMessage())) + ")",
                        "use a directory that allows executing files: start evs through scripts/evs with"
                                + " EVENTSCOPE_CACHE=DIR (it extracts the library there), or java -Dorg.sqlite.tmpdir=DIR -jar",
                        e);
            }
        }
        return null;
    }

    /** A UNIQUE, CHECK or NOT NULL rule refused a row; the transaction is still usable. */
    static boolean isConstraint(SQLException e) {
        return primaryCode(e) == CONSTRAINT;
    }

    static boolean isBusy(SQLException e) {
        int code = primaryCode(e);
        return code == BUSY || code == LOCKED;
    }

    /** Rethrows engine failures unchanged and translates everything else. */
    static RuntimeException rethrow(Throwable t, String doing, Path file) {
        if (t instanceof EventscopeException ee) {
            return ee;
        }
        if (t instanceof SQLException se) {
            return translate(se, doing, file);
        }
        if (t instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(t);
    }

    private static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException se) {
            return se.getResultCode().code & 0xff;
        }
        return e.getErrorCode() & 0xff;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
