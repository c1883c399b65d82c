package dev.eventscope.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.UsageException;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresUrlTest {

    static PostgresUrl parse(String text) {
        return PostgresUrl.parse(text, "--db", Map.of("USER", "osuser"));
    }

    @Nested
    class when_the_url_is_well_formed {

        @Test
        void every_part_is_read() {
            PostgresUrl url = parse("postgresql://ann@db.example:6543/orders?schema=shop&sslmode=verify-full");
            assertThat(url.user()).isEqualTo("ann");
            assertThat(url.host()).isEqualTo("db.example");
            assertThat(url.port()).isEqualTo(6543);
            assertThat(url.database()).isEqualTo("orders");
            assertThat(url.schema()).isEqualTo("shop");
            assertThat(url.password()).isNull();
            assertThat(url.parameters()).containsExactly(Map.entry("sslmode", "verify-full"));
        }

        @Test
        void postgres_and_jdbc_forms_mean_the_same() {
            PostgresUrl a = parse("postgres://ann:pw@h:5432/d?schema=s");
            PostgresUrl b = parse("jdbc:postgresql://h/d?user=ann&password=pw&currentSchema=s");
            assertThat(a).isEqualTo(b);
            assertThat(a.password()).isEqualTo("pw");
        }

        @Test
        void the_port_defaults_to_5432_the_user_to_the_environment_and_the_database_to_the_user() {
            PostgresUrl url = parse("postgresql://localhost");
            assertThat(url.port()).isEqualTo(5432);
            assertThat(url.user()).isEqualTo("osuser");
            assertThat(url.database()).isEqualTo("osuser");
            assertThat(url.schema()).isNull();
            assertThat(PostgresUrl.parse("postgresql://h/", "--db", Map.of("PGUSER", "pu", "PGDATABASE", "pd"))
                            .database())
                    .isEqualTo("pd");
        }

        @Test
        void escapes_and_ipv6_hosts_are_read() {
            PostgresUrl url = parse("postgresql://a%40b:p%3Aw%2Fx@[::1]:7000/my%20db");
            assertThat(url.user()).isEqualTo("a@b");
            assertThat(url.password()).isEqualTo("p:w/x");
            assertThat(url.host()).isEqualTo("::1");
            assertThat(url.port()).isEqualTo(7000);
            assertThat(url.database()).isEqualTo("my db");
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:7000/my%20db");
        }

        @Test
        void printing_leaves_out_the_password_and_secret_parameters() {
            PostgresUrl url = parse("postgresql://ann:s3cret@h:6000/d?schema=s&sslpassword=k3y&sslmode=require");
            assertThat(url.toString())
                    .isEqualTo("postgresql://ann@h:6000/d?schema=s&sslmode=require")
                    .doesNotContain("s3cret")
                    .doesNotContain("k3y");
        }
    }

    @Nested
    class when_the_url_is_malformed {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "postgresql:h/d",
                    "postgresql://h:port/d",
                    "postgresql://h:70000/d",
                    "postgresql://h/d/e",
                    "postgresql://[::1/d",
                    "postgresql://h1,h2/d",
                    "postgresql://h/d#x",
                    "postgresql://h/d?schema=Bad-Name",
                    "postgresql://h/d?sslmode=require&sslmode=disable",
                    "postgresql://h/d?nosuch=1"
                })
        void it_is_a_usage_error(String text) {
            assertThatThrownBy(() -> parse(text))
                    .isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--db: ");
        }

        @Test
        void the_message_never_shows_the_password() {
            assertThatThrownBy(() -> parse("postgresql://ann:s3cret@h:notaport/d"))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("--db: 'postgresql://ann:***@h:notaport/d' is not a usable PostgreSQL URL: the port"
                            + " 'notaport' is not a number")
                    .hasMessageNotContaining("s3cret");
            assertThatThrownBy(() -> parse("postgresql://h/d?password=s3cret&bogus=1"))
                    .hasMessageNotContaining("s3cret")
                    .hasMessageContaining("password=***");
        }
    }

    @Test
    void redact_cuts_passwords_out_of_any_text() {
        assertThat(PostgresUrl.redact("evs --db postgresql://u:pw@h/d?sslpassword=x head"))
                .isEqualTo("evs --db postgresql://u:***@h/d?sslpassword=*** head");
        assertThat(PostgresUrl.redact("no url here")).isEqualTo("no url here");
    }

    @Test
    void regression_issue_22_redact_finds_passwords_where_the_parser_does() {
        // an @ in the password: the parser reads the user info up to the last @ before the path
        assertThat(PostgresUrl.redact("postgresql://ann:p@ssw@h/d")).isEqualTo("postgresql://ann:***@h/d");
        // a password parameter whose name is %-escaped is still the password
        assertThat(PostgresUrl.redact("postgresql://h:1/d?pass%77ord=s3cret&sslmode=require"))
                .isEqualTo("postgresql://h:1/d?pass%77ord=***&sslmode=require");
        // quotes around it in a message or a shell line stay
        assertThat(PostgresUrl.redact("--db 'postgresql://h/d?password=s3cret' is bad"))
                .isEqualTo("--db 'postgresql://h/d?password=***' is bad");
        // a quote that ends a password is the password's, unless the URL was opened with one
        assertThat(PostgresUrl.redact("postgresql://h/d?password=sew\"")).isEqualTo("postgresql://h/d?password=***");
        assertThat(parse("postgresql://ann:p@ssw@h/d").password()).isEqualTo("p@ssw");
    }

    @Test
    void regression_issue_22_a_refused_url_shows_no_piece_of_its_password() {
        assertThatThrownBy(() -> parse("postgresql://ann:p@sswd@h:notaport/d"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("postgresql://ann:***@h:notaport/d")
                .hasMessageNotContaining("sswd");
        assertThatThrownBy(() -> parse("postgresql://h/d?pass%77ord=s3cret&bogus=1"))
                .isInstanceOf(UsageException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void regression_issue_22_whitespace_in_a_url_is_refused_without_showing_the_password() {
        assertThatThrownBy(() -> parse("postgresql://ann:pa ss@h/d"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--db: 'postgresql://ann:***@h/d' is not a usable PostgreSQL URL: it holds a space or a"
                        + " control character; write it %-escaped (%20)");
        assertThat(parse("postgresql://ann:pa%20ss@h/d").password()).isEqualTo("pa ss");
    }

    @Test
    void regression_issue_22_a_host_that_no_host_name_can_be_is_refused() {
        // it was accepted and rendered as postgresql://…@[a]:]/d, which does not read back
        assertThatThrownBy(() -> parse("postgresql://a%5D%3A/d"))
                .isInstanceOf(UsageException.class)
                .hasMessageEndingWith("the host is not a host name or an IP address");
        assertThat(parse("postgresql://%3A%3A1/d").toString()).isEqualTo("postgresql://osuser@[::1]/d");
        assertThat(parse("postgresql://[fe80::1%eth0]:6000/d").host()).isEqualTo("fe80::1%eth0");
    }

    @Test
    void only_urls_of_the_three_schemes_look_like_one() {
        assertThat(PostgresUrl.looksLikeOne("postgresql://h")).isTrue();
        assertThat(PostgresUrl.looksLikeOne("POSTGRES://h")).isTrue();
        assertThat(PostgresUrl.looksLikeOne("jdbc:postgresql://h")).isTrue();
        assertThat(PostgresUrl.looksLikeOne("events.db")).isFalse();
        assertThat(PostgresUrl.looksLikeOne("./postgresql://x")).isFalse();
    }
}
