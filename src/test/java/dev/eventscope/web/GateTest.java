package dev.eventscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class GateTest {

    private final Gate gate = new Gate("secret-token", "csrf-token", Gate.hostsFor(loopback(), 8080), 8080);

    private static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    @Test
    void a_loopback_console_answers_to_the_loopback_names_with_its_port_only() throws Exception {
        assertThat(gate.hostAllowed("127.0.0.1:8080")).isTrue();
        assertThat(gate.hostAllowed("localhost:8080")).isTrue();
        assertThat(gate.hostAllowed("LOCALHOST:8080")).isTrue();
        assertThat(gate.hostAllowed("[::1]:8080")).isTrue();
        assertThat(gate.hostAllowed("127.0.0.1:8081")).isFalse();
        assertThat(gate.hostAllowed("127.0.0.1")).isFalse();
        assertThat(gate.hostAllowed("evil.example:8080")).isFalse();
        assertThat(gate.hostAllowed("localhost.evil.example:8080")).isFalse();
        assertThat(gate.hostAllowed(null)).isFalse();
    }

    @Test
    void a_console_bound_to_one_address_answers_to_that_address_and_not_to_the_loopback_names() throws Exception {
        var hosts = Gate.hostsFor(InetAddress.getByName("192.0.2.7"), 80);

        assertThat(hosts).containsExactlyInAnyOrder("192.0.2.7:80", "192.0.2.7");
    }

    @Test
    void a_wildcard_console_answers_to_the_machine_s_addresses_but_never_to_other_names() throws Exception {
        var hosts = Gate.hostsFor(InetAddress.getByName("0.0.0.0"), 9000);

        assertThat(hosts).contains("127.0.0.1:9000", "localhost:9000", "[::1]:9000");
        assertThat(hosts).allMatch(h -> h.startsWith("localhost:") || h.matches("[0-9.]+:9000|\\[[0-9a-f:]+\\]:9000"));
    }

    @Test
    void the_token_is_found_in_a_cookie_among_others() {
        assertThat(gate.hasCookie(List.of("a=1; evs_session_8080=secret-token; b=2")))
                .isTrue();
        assertThat(gate.hasCookie(List.of("evs_session_8080=secret-tokenX"))).isFalse();
        assertThat(gate.hasCookie(List.of("xevs_session_8080=secret-token"))).isFalse();
        assertThat(gate.hasCookie(null)).isFalse();
    }

    @Test
    void the_cookie_of_a_console_on_another_port_is_not_this_one_s() {
        // browsers keep cookies per host, not per port: two consoles on one machine both get theirs
        assertThat(gate.hasCookie(List.of("evs_session_8081=secret-token"))).isFalse();
    }

    @Test
    void the_cookie_is_http_only_and_same_site_strict() {
        assertThat(gate.cookie()).isEqualTo("evs_session_8080=secret-token; Path=/; HttpOnly; SameSite=Strict");
    }

    @Test
    void a_write_needs_the_csrf_token_and_if_the_browser_says_where_it_comes_from_this_origin() {
        assertThat(gate.writeAllowed("csrf-token", null, "127.0.0.1:8080")).isTrue();
        assertThat(gate.writeAllowed("csrf-token", "http://127.0.0.1:8080", "127.0.0.1:8080"))
                .isTrue();
        assertThat(gate.writeAllowed("csrf-token", "http://evil.example", "127.0.0.1:8080"))
                .isFalse();
        assertThat(gate.writeAllowed("csrf-token", "null", "127.0.0.1:8080")).isFalse();
        assertThat(gate.writeAllowed("wrong", null, "127.0.0.1:8080")).isFalse();
        assertThat(gate.writeAllowed(null, null, "127.0.0.1:8080")).isFalse();
    }

    @Test
    void new_tokens_are_long_url_safe_and_different() {
        String a = Gate.newToken();
        String b = Gate.newToken();

        assertThat(a).matches("[A-Za-z0-9_-]{43}");
        assertThat(a).isNotEqualTo(b);
    }
}
