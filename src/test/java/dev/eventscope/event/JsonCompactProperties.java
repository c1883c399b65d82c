package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link Json#compact} is {@code write(parse(...))} without the tree: the same text for every
 * document, and a failure exactly where parsing fails (ADR 0260). Documents are drawn as text, with
 * the number forms that keep their literal, escapes, whitespace, duplicate keys and trailing
 * content.
 */
class JsonCompactProperties {

    @Property(tries = 3000)
    void compacting_gives_the_text_of_the_parsed_tree_or_fails_where_parsing_fails(@ForAll("documents") String doc) {
        // given
        byte[] utf8 = doc.getBytes(StandardCharsets.UTF_8);
        String expected;
        try {
            expected = Json.write(Json.parse(utf8, 0, utf8.length));
        } catch (IOException refused) {
            expected = null;
        }
        Statistics.collect(expected == null ? "refused" : "parsed");

        // when
        String compact;
        try {
            compact = Json.compact(utf8);
        } catch (IOException refused) {
            compact = null;
        }

        // then
        assertThat(compact).as("compact of %s", doc).isEqualTo(expected);
    }

    @Example
    void numbers_keep_their_literals_and_strings_their_escapes() throws IOException {
        // given
        byte[] doc =
                "{ \"a\" : [ 1e5, -0, 157.0, 2.50e-3, 12345678901234567890123 ],\n \"b\":\"\\u00e9\\ud800\\n\\/\" }"
                        .getBytes(StandardCharsets.UTF_8);

        // when / then
        assertThat(Json.compact(doc))
                .isEqualTo("{\"a\":[1e5,-0,157.0,2.50e-3,12345678901234567890123],\"b\":\"é\ud800\\n/\"}");
    }

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.oneOf(value(3), value(3).map(v -> v + " " + v), value(2).map(v -> " \n" + v + "\t"));
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> numbers = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of(
                        "-0",
                        "0",
                        "-0.0",
                        "1e5",
                        "1E+5",
                        "2.50e-3",
                        "157.0",
                        "0.1",
                        "1e400",
                        "1e99999999999",
                        "12345678901234567890123",
                        "-9223372036854775809",
                        "01",
                        "1.",
                        ".5",
                        "+1",
                        "NaN"),
                Arbitraries.doubles().map(String::valueOf));
        Arbitrary<String> strings = Arbitraries.strings()
                .withCharRange('a', 'd')
                .withChars('é', '€', ' ')
                .ofMaxLength(8)
                .flatMap(s -> Arbitraries.of(
                                "",
                                "\\n",
                                "\\\"",
                                "\\\\",
                                "\\/",
                                "\\u0000",
                                "\\ud800",
                                "\\udc00x",
                                "\\u00e9",
                                "😀",
                                "\\ud83d\\ude00")
                        .map(escape -> "\"" + s + escape + "\""));
        Arbitrary<String> leaves =
                Arbitraries.oneOf(numbers, strings, Arbitraries.of("true", "false", "null", "nul", "{", "]"));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<String> arrays =
                value(depth - 1).list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> keys = Arbitraries.of("\"a\"", "\"b\"", "\"\"", "\"k\\u00e9\"", "\"a\"");
        Arbitrary<String> members =
                Arbitraries.oneOf(keys).flatMap(k -> value(depth - 1).map(v -> k + " : " + v));
        Arbitrary<String> objects = members.list().ofMaxSize(3).map(items -> "{" + String.join(", ", items) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves),
                net.jqwik.api.Tuple.of(2, arrays),
                net.jqwik.api.Tuple.of(3, objects));
    }
}
