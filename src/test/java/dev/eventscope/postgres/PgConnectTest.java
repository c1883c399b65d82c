package dev.eventscope.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.Failure;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connecting to a real server: passwords from every source, and each kind of failure in one line. */
class PgConnectTest {

    static final TestPostgres SERVER = TestPostgres.shared();
    static final String SECRET = "s3cret-Pa55";

    @TempDir
    Path dir;

    @AfterEach
    void forgetPasswordFile() {
        System.clearProperty("org.postgresql.pgpassfile");
    }

    static String role() {
        String role = "r_" + TestPostgres.newSchema();
        SERVER.execute("postgres", "CREATE ROLE " + role + " LOGIN PASSWORD '" + SECRET + "'");
        return role;
    }

    PostgresUrl url(String userInfo, String database) {
        return PostgresUrl.parse(
                "postgresql://" + userInfo + "@" + SERVER.host() + ":" + SERVER.port() + "/" + database,
                "--db",
                Map.of());
    }

    static String currentUser(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void the_password_in_the_url_is_used() throws Exception {
        String role = role();
        try (Connection c = PgConnect.open(url(role + ":" + SECRET, TestPostgres.DATABASE), name -> null)) {
            assertThat(currentUser(c)).isEqualTo(role);
        }
    }

    @Test
    void without_one_pgpassword_is_used() throws Exception {
        String role = role();
        try (Connection c =
                PgConnect.open(url(role, TestPostgres.DATABASE), name -> name.equals("PGPASSWORD") ? SECRET : null)) {
            assertThat(currentUser(c)).isEqualTo(role);
        }
    }

    @Test
    void without_either_the_password_file_is_used() throws Exception {
        // given
        String role = role();
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(
                pgpass,
                "# host:port:db:user:password\n*:*:*:other:nope\n" + SERVER.host() + ":" + SERVER.port() + ":*:" + role
                        + ":" + SECRET + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        System.setProperty("org.postgresql.pgpassfile", pgpass.toString());

        // when
        try (Connection c = PgConnect.open(url(role, TestPostgres.DATABASE), name -> null)) {
            // then
            assertThat(currentUser(c)).isEqualTo(role);
        }
    }

    @Test
    void a_wrong_password_is_refused_in_one_line_without_the_password() {
        String role = role();
        assertThatThrownBy(() -> PgConnect.open(url(role + ":wrong-" + SECRET, TestPostgres.DATABASE), n -> null))
                .isInstanceOf(StoreIoException.class)
                .hasMessage("PostgreSQL at " + SERVER.host() + ":" + SERVER.port() + " refused user " + role
                        + ": password authentication failed")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(((EventscopeException) e).hint())
                        .hasValue("check the password in PGPASSWORD, ~/.pgpass or the URL"));
    }

    @Test
    void no_password_at_all_says_where_to_put_one() {
        String role = role();
        assertThatThrownBy(() -> PgConnect.open(url(role, TestPostgres.DATABASE), n -> null))
                .isInstanceOf(StoreIoException.class)
                .hasMessageEndingWith("refused user " + role + ": no password was given");
    }

    @Test
    void a_missing_database_is_not_found() {
        assertThatThrownBy(() -> PgConnect.open(url("postgres", "no_such_db"), n -> null))
                .isInstanceOf(EventscopeException.class)
                .satisfies(e -> assertThat(((EventscopeException) e).failure()).isEqualTo(Failure.NOT_FOUND))
                .hasMessage("no database no_such_db on PostgreSQL at " + SERVER.host() + ":" + SERVER.port());
    }

    @Test
    void an_unknown_host_and_a_port_nobody_listens_on_are_io_failures() throws Exception {
        assertThatThrownBy(() -> PgConnect.open(
                        PostgresUrl.parse("postgresql://u:" + SECRET + "@no-such-host.invalid/d", "--db", Map.of()),
                        n -> null))
                .isInstanceOf(StoreIoException.class)
                .hasMessage("cannot connect to PostgreSQL: unknown host no-such-host.invalid")
                .hasMessageNotContaining(SECRET);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> PgConnect.open(
                        PostgresUrl.parse("postgresql://u@127.0.0.1:" + closed + "/d", "--db", Map.of()), n -> null))
                .isInstanceOf(StoreIoException.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + closed + ": the connection was refused");
    }

    @Test
    void a_database_that_is_not_utf8_is_refused_for_a_store() throws Exception {
        // given
        String db = "latin1_" + TestPostgres.newSchema();
        SERVER.execute(
                "postgres",
                "CREATE DATABASE " + db + " ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");

        // when
        try (Connection c = PgConnect.open(url("postgres", db), n -> null)) {
            // then
            assertThatThrownBy(() -> PgConnect.requireUtf8(c, url("postgres", db)))
                    .isInstanceOf(StoreIoException.class)
                    .hasMessage("database " + db + " on " + SERVER.host() + ":" + SERVER.port()
                            + " uses encoding LATIN1; an Eventscope store needs UTF8 to keep event payloads byte"
                            + " for byte");
        }
    }
}
