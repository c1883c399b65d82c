package dev.eventscope.e2e.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.e2e.Evs;
import dev.eventscope.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad connections from the command line: each one line with the facts and a hint, the documented
 * exit code, and never the password, on stdout or stderr.
 */
class PostgresConnectionIT {

    static final TestPostgres SERVER = TestPostgres.shared();
    static final String SECRET = "Pa55-w0rd-never-shown";

    @TempDir
    Path dir;

    Evs evs() {
        return Evs.in(dir);
    }

    String hostPort() {
        return SERVER.host() + ":" + SERVER.port();
    }

    static void noSecret(Evs.Result r) {
        assertThat(r.stdout() + r.stderr()).as(r.toString()).doesNotContain(SECRET);
    }

    String role(boolean canWrite, String schema) {
        String role = "u_" + TestPostgres.newSchema();
        SERVER.execute(TestPostgres.DATABASE, "CREATE ROLE " + role + " LOGIN PASSWORD '" + SECRET + "'");
        if (canWrite) {
            SERVER.execute(TestPostgres.DATABASE, "GRANT CREATE ON DATABASE " + TestPostgres.DATABASE + " TO " + role);
        }
        return role;
    }

    @Test
    void a_malformed_url_is_a_usage_error_that_hides_the_password() {
        Evs.Result r = evs().run("--db", "postgresql://ann:" + SECRET + "@db.example:port/events", "head");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr())
                .isEqualTo("evs: --db: 'postgresql://ann:***@db.example:port/events' is not a usable PostgreSQL URL:"
                        + " the port 'port' is not a number\n"
                        + "hint: write postgresql://USER@HOST:PORT/DATABASE?schema=NAME (the password from"
                        + " PGPASSWORD or ~/.pgpass)\n");
        noSecret(r);
    }

    @Test
    void an_unknown_host_is_an_io_failure() {
        Evs.Result r = evs().run("--db", "postgresql://ann:" + SECRET + "@no-such-host.invalid/events", "head");
        assertThat(r.exitCode()).isEqualTo(74);
        assertThat(r.stderr())
                .isEqualTo("evs: cannot connect to PostgreSQL: unknown host no-such-host.invalid\n"
                        + "hint: check the host name in --db (postgresql://ann@no-such-host.invalid/events"
                        + "?schema=eventscope)\n");
        noSecret(r);
    }

    @Test
    void a_port_nobody_listens_on_is_an_io_failure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Evs.Result r = evs().run("--db", "postgresql://ann@127.0.0.1:" + port + "/events", "head");
        assertThat(r.exitCode()).isEqualTo(74);
        assertThat(r.stderr())
                .startsWith(
                        "evs: cannot connect to PostgreSQL at 127.0.0.1:" + port + ": the connection was refused\n");
    }

    @Test
    void a_wrong_password_is_refused_without_showing_it_from_the_url_or_the_environment() {
        String role = role(false, null);
        String url = "postgresql://" + role + "@" + hostPort() + "/" + TestPostgres.DATABASE;
        for (Evs.Result r : new Evs.Result[] {
            evs().run(
                            "--db",
                            "postgresql://" + role + ":wrong" + SECRET + "@" + hostPort() + "/" + TestPostgres.DATABASE,
                            "head"),
            evs().withEnv("PGPASSWORD", "wrong" + SECRET).run("--db", url, "--verbose", "head")
        }) {
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(74);
            assertThat(r.stderr())
                    .as(r.toString())
                    .isEqualTo("evs: PostgreSQL at " + hostPort() + " refused user " + role
                            + ": password authentication failed\n"
                            + "hint: check the password in PGPASSWORD, ~/.pgpass or the URL\n");
            noSecret(r);
        }
    }

    @Test
    void a_missing_database_is_not_found() {
        Evs.Result r = evs().run("--db", "postgresql://postgres@" + hostPort() + "/no_such_database", "head");
        assertThat(r.exitCode()).isEqualTo(66);
        assertThat(r.stderr())
                .isEqualTo("evs: no database no_such_database on PostgreSQL at " + hostPort() + " (from --db)\n"
                        + "hint: create it (createdb -E UTF8 no_such_database) or check the database name in --db\n");
    }

    @Test
    void a_database_that_is_not_utf8_is_refused() {
        String db = "latin_" + TestPostgres.newSchema();
        SERVER.execute(
                "postgres",
                "CREATE DATABASE " + db + " ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'");
        Evs.Result r = evs().run("--db", "postgresql://postgres@" + hostPort() + "/" + db, "init");
        assertThat(r.exitCode()).isEqualTo(74);
        assertThat(r.stderr())
                .isEqualTo("evs: database " + db + " on " + hostPort() + " uses encoding LATIN1; an Eventscope store"
                        + " needs UTF8 to keep event payloads byte for byte\n"
                        + "hint: create a UTF-8 database (createdb -E UTF8 -T template0 NAME) and pass it in --db\n");
    }

    @Test
    void a_role_without_privileges_on_the_schema_gets_a_clear_message() {
        // given: a store made by the superuser, and a role that may log in but not touch it
        String schema = TestPostgres.newSchema();
        assertThat(evs().run("--db", SERVER.url(schema), "init").exitCode()).isZero();
        String role = role(false, schema);
        String url = "postgresql://" + role + "@" + hostPort() + "/" + TestPostgres.DATABASE + "?schema=" + schema;

        // when
        Evs.Result r = evs().withEnv("PGPASSWORD", SECRET).run("--db", url, "head");

        // then
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(74);
        assertThat(r.stderr())
                .as(r.toString())
                .startsWith("evs: user " + role + " may not do this in schema " + schema + " while opening the store");
        assertThat(r.stderr()).contains("\nhint: reading commands need USAGE on the schema and SELECT on its tables");
        noSecret(r);
    }

    @Test
    void a_read_only_role_reads_everything_and_a_write_says_why_it_fails() {
        // given
        String schema = TestPostgres.newSchema();
        Evs owner = evs().withEnv("EVENTSCOPE_DB", SERVER.url(schema));
        assertThat(owner.run(
                                "import",
                                Evs.baseDir()
                                        .resolve("samples/orders/events.ndjson")
                                        .toString())
                        .exitCode())
                .isZero();
        String role = role(false, schema);
        SERVER.execute(
                TestPostgres.DATABASE,
                "GRANT USAGE ON SCHEMA " + schema + " TO " + role,
                "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
        Evs reader = evs().withEnv("PGPASSWORD", SECRET)
                .withEnv(
                        "EVENTSCOPE_DB",
                        "postgresql://" + role + "@" + hostPort() + "/" + TestPostgres.DATABASE + "?schema=" + schema);

        // then
        for (String[] command : new String[][] {
            {"head"},
            {"verify"},
            {"streams", "--limit", "3"},
            {"events", "--limit", "2"},
            {"export"},
            {"stats"},
            {"lint"},
            {"show", "1"},
            {"trace", "req-8186caa3"}
        }) {
            Evs.Result r = reader.run(command);
            assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
            noSecret(r);
        }
        Evs.Result write = reader.run("append", "--type", "T", "--aggregate-type", "A", "--aggregate-id", "a");
        assertThat(write.exitCode()).as(write.toString()).isEqualTo(74);
        assertThat(write.stderr())
                .startsWith("evs: user " + role + " may not do this in schema " + schema + " while appending");
        assertThat(owner.run("head").stdout()).startsWith("418:");
    }

    @Test
    void stats_names_the_store_by_its_url_without_the_password() {
        String schema = TestPostgres.newSchema();
        String url = SERVER.url(schema);
        assertThat(evs().run("--db", url, "init").stdout()).isEqualTo("created store " + url + "\n");
        Evs.Result stats = evs().run("--db", url, "stats", "-o", "json");
        assertThat(stats.exitCode()).as(stats.toString()).isZero();
        assertThat(stats.stdout()).contains("\"url\" : \"" + url + "\"").contains("\"schemaBytes\"");
        assertThat(evs().run("--db", url, "init").stdout()).isEqualTo("store " + url + " already exists (0 events)\n");
    }
}
