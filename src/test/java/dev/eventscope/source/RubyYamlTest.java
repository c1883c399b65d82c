package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RubyYamlTest {

    private static String json(String yaml) {
        RubyYaml.Converted c = RubyYaml.convert(yaml, 1 << 20);
        return c == null ? null : c.value().toString();
    }

    @Test
    void plain_symbols_lose_their_colon_and_quoted_ones_stay_strings() {
        assertThat(json("---\n:status: :paid\n:note: ':not_a_symbol'\n"))
                .isEqualTo("{\"status\":\"paid\",\"note\":\":not_a_symbol\"}");
    }

    @Test
    void plain_scalars_resolve_as_yaml_1_1() {
        assertThat(json("---\na: 12\nb: -1.5e3\nc: yes\nd: ~\ne: 2025-01-02 10:00:00.000000000 Z\nf: '12'\n"))
                .isEqualTo("{\"a\":12,\"b\":-1.5E+3,\"c\":true,\"d\":null,\"e\":\"2025-01-02 10:00:00.000000000 Z\","
                        + "\"f\":\"12\"}");
    }

    @Test
    void a_big_decimal_keeps_every_digit() {
        assertThat(json("---\nx: !ruby/object:BigDecimal 27:0.123456789012345678901234567e1\n"))
                .isEqualTo("{\"x\":1.23456789012345678901234567}");
    }

    @Test
    void hash_with_ivars_gives_its_elements() {
        assertThat(json("--- !ruby/hash-with-ivars:ActiveSupport::HashWithIndifferentAccess\n"
                        + "elements:\n  a: 1\nivars:\n  :@x: 2\n"))
                .isEqualTo("{\"a\":1}");
    }

    @Test
    void a_ruby_object_is_counted() {
        RubyYaml.Converted c = RubyYaml.convert("--- !ruby/struct:Money\ncents: 100\n", 1 << 20);
        assertThat(c.value().toString()).isEqualTo("{\"$ruby\":\"struct:Money\",\"cents\":100}");
        assertThat(c.losses()).isEqualTo(Set.of(Loss.RUBY_OBJECT));
    }

    @Test
    void binary_strings_become_base64_objects() {
        RubyYaml.Converted c = RubyYaml.convert("---\nblob: !binary |-\n  AAEC\n", 1 << 20);
        assertThat(c.value().toString()).isEqualTo("{\"blob\":{\"$base64\":\"AAEC\"}}");
        assertThat(c.losses()).isEqualTo(Set.of(Loss.PAYLOAD_BINARY));
    }

    @Test
    void what_has_no_faithful_form_is_refused() {
        assertThat(json("---\na: &x 1\nb: *x\n")).isNull();
        assertThat(json("--- !ruby/range\nbegin: 1\nend: 2\n")).isNull();
        assertThat(json("---\n? [a, b]\n: 1\n")).isNull();
        assertThat(json("---\na: 1\n---\nb: 2\n")).isNull();
        assertThat(json("---\na: 1\na: 2\n")).isNull();
    }
}
