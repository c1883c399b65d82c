package dev.eventscope.source;

import dev.eventscope.postgres.PgConnect;
import dev.eventscope.postgres.PostgresUrl;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a PostgreSQL source through the one connection layer ({@link PgConnect}: the password from
 * the URL, {@code PGPASSWORD} or {@code ~/.pgpass}, TLS settings, one-line failures). The
 * connection is read-only: every transaction it begins is {@code READ ONLY}.
 */
final class PostgresSource {

    private PostgresSource() {}

    static boolean isUrl(String source) {
        return PostgresUrl.looksLikeOne(source);
    }

    static SourceDatabase open(String source) {
        PostgresUrl url = PostgresUrl.parse(source, "SOURCE", System.getenv());
        Connection c = PgConnect.open(url);
        try {
            c.setReadOnly(true);
            c.setAutoCommit(false);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the failure below says what went wrong
            }
            throw new dev.eventscope.error.StoreIoException(
                    "cannot set up a read-only session on " + url + ": " + e.getMessage(), "check the server", e);
        }
        return SourceDatabase.postgres(c, url.toString(), url.where() + "/" + url.database(), url.schema());
    }
}
