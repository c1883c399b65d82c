package dev.eventscope.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.UsageException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void parameters_are_decoded_as_utf_8_and_blank_ones_are_not_given() {
        Request r = Request.of("GET", URI.create("/stream?id=caf%C3%A9+1&type=&type=Order&x=%20%20"), null);

        assertThat(r.path()).isEqualTo("/stream");
        assertThat(r.one("id")).isEqualTo("café 1");
        assertThat(r.one("type")).isEqualTo("Order");
        assertThat(r.one("x")).isNull();
        assertThat(r.raw("x")).isEqualTo("  ");
        assertThat(r.one("missing")).isNull();
    }

    @Test
    void repeated_parameters_keep_every_value_and_a_form_body_adds_to_the_query() {
        Request r = Request.of("POST", URI.create("/dlq/skip?drop=a"), "drop=b&drop=&reason=why%3F");

        assertThat(r.all("drop")).containsExactly("a", "b");
        assertThat(r.one("reason")).isEqualTo("why?");
    }

    @Test
    void numbers_and_flags_are_read_or_refused_with_the_parameter_named() {
        Request r = Request.of("GET", URI.create("/x?n=12&bad=1x&on=on&off=no"), null);

        assertThat(r.number("n")).isEqualTo(12L);
        assertThat(r.number("limit", 50, 1, 100)).isEqualTo(50);
        assertThat(r.flag("on")).isTrue();
        assertThat(r.flag("off")).isFalse();
        assertThatThrownBy(() -> r.number("bad"))
                .isInstanceOf(UsageException.class)
                .hasMessage("bad must be a whole number, got 1x");
        assertThatThrownBy(() -> r.number("n", 1, 1, 10))
                .isInstanceOf(UsageException.class)
                .hasMessage("n must be from 1 to 10, got 12");
    }

    @Test
    void a_malformed_escape_is_a_usage_error() {
        assertThatThrownBy(() -> Request.parse("a=%zz", new java.util.HashMap<>()))
                .isInstanceOf(UsageException.class)
                .hasMessage("a parameter is not properly percent-encoded");
    }

    @Test
    void the_token_is_taken_out_of_the_address_the_browser_is_sent_on_to() {
        assertThat(WebConsole.withoutToken(URI.create("/?token=abc"))).isEqualTo("/");
        assertThat(WebConsole.withoutToken(URI.create("/stream?id=1&token=abc&type=T")))
                .isEqualTo("/stream?id=1&type=T");
    }
}
