package dev.eventscope.postgres;

import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.error.UsageException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.postgresql.Driver;
import org.postgresql.jdbcurlresolver.PgPassParser;

/**
 * Opening connections to PostgreSQL from a {@link PostgresUrl}: the one place that turns a URL into
 * a connection, resolves the password (the URL's, else {@code PGPASSWORD}, else {@code PGPASSFILE}
 * or {@code ~/.pgpass}), passes TLS settings to the driver, and explains a failed connection in one
 * line with a hint. Anything that reads or writes PostgreSQL (the store adapter, readers of other
 * tools' tables) connects through it.
 *
 * <p>No message names the password: the driver never prints it, and every message here names the
 * server by {@link PostgresUrl#toString()}, which leaves it out.
 */
public final class PgConnect {

    /** How long a connection attempt may take before it fails. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private static final Driver DRIVER = new Driver();

    private PgConnect() {}

    /** The password to use: the URL's, else PGPASSWORD, else the password file's, else none. */
    public static String password(PostgresUrl pg, Function<String, String> environment) {
        if (pg.password() != null) {
            return pg.password();
        }
        String env = environment.apply("PGPASSWORD");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        return PgPassParser.getPassword(pg.host(), Integer.toString(pg.port()), pg.database(), pg.user());
    }

    /**
     * Opens a connection to {@code pg}'s database, in autocommit mode, as application "eventscope".
     *
     * @throws EventscopeException naming what failed (unknown host, refused, wrong password, no
     *     such database) with a hint
     */
    public static Connection open(PostgresUrl pg) {
        return open(pg, System::getenv);
    }

    static Connection open(PostgresUrl pg, Function<String, String> environment) {
        Properties props = new Properties();
        props.setProperty("user", pg.user());
        String password = password(pg, environment);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "eventscope");
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("tcpKeepAlive", "true");
        // multi-row INSERTs from batches: one round trip per batch, not per row
        props.setProperty("reWriteBatchedInserts", "true");
        for (Map.Entry<String, String> p : pg.parameters().entrySet()) {
            props.setProperty(p.getKey(), p.getValue());
        }
        Connection c;
        try {
            c = DRIVER.connect(pg.jdbcUrl(), props);
        } catch (SQLException e) {
            throw connectFailed(pg, e, password != null);
        }
        if (c == null) {
            throw new IllegalStateException("the PostgreSQL driver refused its own URL " + pg.jdbcUrl());
        }
        return c;
    }

    /**
     * Checks the database of {@code c} is UTF-8, as a store needs to keep event text byte for byte.
     *
     * @throws StoreIoException naming the encoding, with how to make a UTF-8 database
     */
    public static void requireUtf8(Connection c, PostgresUrl pg) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('server_encoding')")) {
            rs.next();
            String encoding = rs.getString(1);
            if (!"UTF8".equalsIgnoreCase(encoding)) {
                throw new StoreIoException(
                        "database " + pg.database() + " on " + where(pg) + " uses encoding " + encoding
                                + "; an Eventscope store needs UTF8 to keep event payloads byte for byte",
                        "create a UTF-8 database (createdb -E UTF8 -T template0 NAME) and pass it in --db");
            }
        } catch (SQLException e) {
            throw new StoreIoException(
                    "cannot read the encoding of database " + pg.database() + " at " + where(pg) + ": "
                            + firstLine(e.getMessage()),
                    "check the server and the URL",
                    e);
        }
    }

    /** HOST:PORT, for messages. */
    public static String where(PostgresUrl pg) {
        return pg.where();
    }

    /** The failure of a connection attempt, as one line with a hint. */
    public static EventscopeException connectFailed(PostgresUrl pg, SQLException e, boolean hadPassword) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String server = where(pg);
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return new StoreIoException(
                    "cannot connect to PostgreSQL: unknown host " + pg.host(),
                    "check the host name in --db (" + pg + ")",
                    e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new StoreIoException(
                    "cannot connect to PostgreSQL at " + server + ": the connection was refused",
                    "check that the server runs and listens on that host and port",
                    e);
        }
        if (cause instanceof SocketTimeoutException) {
            return new StoreIoException(
                    "cannot connect to PostgreSQL at " + server + ": no answer within " + CONNECT_TIMEOUT_SECONDS
                            + " s",
                    "check the host, the port and any firewall between",
                    e);
        }
        if (state.equals("28P01") || state.equals("28000") || (state.equals("08004") && !hadPassword)) {
            return new StoreIoException(
                    "PostgreSQL at " + server + " refused user " + pg.user() + ": "
                            + (hadPassword ? "password authentication failed" : "no password was given"),
                    hadPassword
                            ? "check the password in PGPASSWORD, ~/.pgpass or the URL"
                            : "set PGPASSWORD or add the password to ~/.pgpass (chmod 600)",
                    e);
        }
        if (state.equals("3D000")) {
            return new NotFoundException(
                    "no database " + pg.database() + " on PostgreSQL at " + server,
                    "create it (createdb -E UTF8 " + pg.database() + ") or check the database name in --db",
                    e);
        }
        if (state.equals("53300")) {
            return new dev.eventscope.error.StoreBusyException(
                    "PostgreSQL at " + server + " has no free connection slots",
                    "retry later, or raise max_connections",
                    e);
        }
        if (state.startsWith("08") && e.getMessage() != null && e.getMessage().contains("SSL")) {
            return new StoreIoException(
                    "cannot connect to PostgreSQL at " + server + ": " + firstLine(e.getMessage()),
                    "check sslmode and the certificates given in --db",
                    e);
        }
        if (state.equals("0A000") || state.equals("08004")) {
            return new StoreIoException(
                    "PostgreSQL at " + server + " rejected the connection: " + firstLine(e.getMessage()),
                    "check the server's pg_hba.conf and the user in --db",
                    e);
        }
        if (state.startsWith("22") || state.startsWith("42")) {
            return new UsageException(
                    "PostgreSQL at " + server + " rejected the connection settings: " + firstLine(e.getMessage()),
                    "check the parameters of --db",
                    e);
        }
        return new StoreIoException(
                "cannot connect to PostgreSQL at " + server + ": " + firstLine(String.valueOf(e.getMessage())),
                "check the server, the URL in --db and the network",
                e);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing; nothing to recover
        }
    }
}
