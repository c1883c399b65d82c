package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The examples of RFC 6902's appendix A (and RFC 6901's escapes) that use add, remove and replace:
 * JsonPatch.apply and the test oracle {@link Rfc6902} both give the RFC's result, so the oracle the
 * properties rely on is itself checked against known answers.
 */
class JsonPatchRfcTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "A.1 adding an object member | {\"foo\":\"bar\"} | [{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]"
                        + " | {\"baz\":\"qux\",\"foo\":\"bar\"}",
                "A.2 adding an array element | {\"foo\":[\"bar\",\"baz\"]}"
                        + " | [{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}] | {\"foo\":[\"bar\",\"qux\",\"baz\"]}",
                "A.3 removing an object member | {\"baz\":\"qux\",\"foo\":\"bar\"}"
                        + " | [{\"op\":\"remove\",\"path\":\"/baz\"}] | {\"foo\":\"bar\"}",
                "A.4 removing an array element | {\"foo\":[\"bar\",\"qux\",\"baz\"]}"
                        + " | [{\"op\":\"remove\",\"path\":\"/foo/1\"}] | {\"foo\":[\"bar\",\"baz\"]}",
                "A.5 replacing a value | {\"baz\":\"qux\",\"foo\":\"bar\"}"
                        + " | [{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}] | {\"baz\":\"boo\",\"foo\":\"bar\"}",
                "A.10 adding a nested member object | {\"foo\":\"bar\"}"
                        + " | [{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]"
                        + " | {\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}",
                "A.16 adding an array value | {\"foo\":[\"bar\"]}"
                        + " | [{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]"
                        + " | {\"foo\":[\"bar\",[\"abc\",\"def\"]]}",
                "RFC 6901 escapes | {\"a/b\":1,\"m~n\":2,\"~1\":3}"
                        + " | [{\"op\":\"replace\",\"path\":\"/a~1b\",\"value\":4},{\"op\":\"remove\",\"path\":\"/m~0n\"},"
                        + "{\"op\":\"add\",\"path\":\"/~01\",\"value\":5}] | {\"a/b\":4,\"~1\":5}",
                "the whole document | {\"a\":1} | [{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}] | [1]"
            })
    void the_rfc_examples_give_the_rfc_results(String name, String doc, String patch, String expected)
            throws IOException {
        // given
        JsonNode document = parse(doc);
        ArrayNode operations = (ArrayNode) parse(patch);
        JsonNode result = parse(expected);

        // when
        JsonNode applied = JsonPatch.apply(document, operations);
        Object byOracle = Rfc6902.apply(Rfc6902.plain(document), Rfc6902.plain(operations));

        // then
        assertThat(JsonPatch.equal(applied, result))
                .as("JsonPatch.apply: %s", applied)
                .isTrue();
        assertThat(Rfc6902.same(byOracle, Rfc6902.plain(result)))
                .as("the oracle: %s", byOracle)
                .isTrue();
    }

    private static JsonNode parse(String text) throws IOException {
        byte[] bytes = text.trim().getBytes(StandardCharsets.UTF_8);
        return Json.parse(bytes, 0, bytes.length);
    }
}
