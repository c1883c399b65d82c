package dev.eventscope.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HtmlTest {

    @Nested
    class when_escaping {

        @Test
        void the_five_markup_characters_become_entities() {
            assertThat(Html.escape("<script>alert('x')</script> & \"q\""))
                    .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        }

        @Test
        void controls_bidi_and_line_separators_are_shown_as_escapes_as_on_the_terminal() {
            assertThat(Html.escape("a\u001b[31mb\u0000c\u007f\u009bd"))
                    .isEqualTo("a\\u001b[31mb\\u0000c\\u007f\\u009bd");
            assertThat(Html.escape("\u202eevil\u2066\u200f\u061c")).isEqualTo("\\u202eevil\\u2066\\u200f\\u061c");
            assertThat(Html.escape("x\u2028y\u2029z")).isEqualTo("x\\u2028y\\u2029z");
            assertThat(Html.escape("tab\tand\nnewline")).isEqualTo("tab\tand\nnewline");
        }

        @Test
        void a_lone_surrogate_is_shown_and_a_pair_is_kept() {
            assertThat(Html.escape("a\ud800b\udc00c")).isEqualTo("a\\ud800b\\udc00c");
            assertThat(Html.escape("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
            assertThat(Html.escape("end\ud83d")).isEqualTo("end\\ud83d");
            assertThat(Html.escape("\ufffe\uffff")).isEqualTo("\\ufffe\\uffff");
        }

        @Test
        void letters_beyond_ascii_pass_as_they_are() {
            assertThat(Html.escape("Café Crème 12\" ✓")).isEqualTo("Café Crème 12&quot; ✓");
        }
    }

    @Nested
    class when_filling_a_template {

        @Test
        void every_argument_is_escaped_and_safe_html_is_not() {
            Html inner = new Html().add("<b>{}</b>", "<i>");

            String html = new Html()
                    .add("<a href=\"{}\" title=\"{}\">{}</a>", "/x?a=1&b=2", "\"><script>", inner.safe())
                    .toString();

            assertThat(html)
                    .isEqualTo("<a href=\"/x?a=1&amp;b=2\" title=\"&quot;&gt;&lt;script&gt;\"><b>&lt;i&gt;</b></a>");
        }

        @Test
        void null_is_the_empty_text() {
            assertThat(new Html().add("[{}]", (Object) null).toString()).isEqualTo("[]");
        }

        @Test
        void the_number_of_arguments_must_match_the_holes() {
            assertThatThrownBy(() -> new Html().add("{} {}", "one")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Html().add("{}", "one", "two")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void clipping_never_splits_a_surrogate_pair() {
            assertThat(Html.clip("ab\ud83d\ude00cd", 3)).isEqualTo("ab…");
            assertThat(Html.clip("abcdef", 3)).isEqualTo("abc…");
            assertThat(Html.clip("abc", 3)).isEqualTo("abc");
        }
    }

    @Test
    void a_link_carries_values_only_as_percent_encoded_parameters() {
        assertThat(Url.of("/stream")
                        .param("type", "A&B")
                        .param("id", "x y/\"<")
                        .param("empty", "")
                        .toString())
                .isEqualTo("/stream?type=A%26B&id=x+y%2F%22%3C");
        assertThatThrownBy(() -> Url.of("//evil.example/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Url.of("javascript:alert(1)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_shell_word_is_quoted_when_it_needs_to_be() {
        assertThat(Shell.quote("order-0007")).isEqualTo("order-0007");
        assertThat(Shell.quote("it's $x")).isEqualTo("'it'\\''s $x'");
    }
}
