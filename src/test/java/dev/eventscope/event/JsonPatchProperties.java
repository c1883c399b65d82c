package dev.eventscope.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonPatchProperties {

    @Property(tries = 300)
    void applying_the_diff_of_two_documents_to_the_first_gives_the_second(
            @ForAll("documents") JsonNode from, @ForAll("documents") JsonNode to) {
        // when
        ArrayNode patch = JsonPatch.diff(from, to);

        // then
        assertThat(JsonPatch.equal(JsonPatch.apply(from, patch), to)).isTrue();
    }

    @Property(tries = 300)
    void the_diff_applied_by_an_independent_rfc_6902_applier_gives_the_second_document(
            @ForAll("documents") JsonNode from, @ForAll("documents") JsonNode to) {
        // when: the patch is applied by the oracle, which shares no code with JsonPatch
        ArrayNode patch = JsonPatch.diff(from, to);
        Object applied = Rfc6902.apply(Rfc6902.plain(from), Rfc6902.plain(patch));

        // then
        assertThat(Rfc6902.same(applied, Rfc6902.plain(to)))
                .as("%s patched by %s", from, patch)
                .isTrue();
    }

    @Property(tries = 100)
    void the_diff_of_a_document_with_itself_is_empty(@ForAll("documents") JsonNode doc) {
        assertThat(JsonPatch.diff(doc, doc.deepCopy())).isEmpty();
    }

    @Provide
    Arbitrary<JsonNode> documents() {
        return value(3).map(v -> {
            ObjectNode o = Json.object();
            o.set("root", v);
            return (JsonNode) o;
        });
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.integers().between(-3, 3).map(i ->
                        (JsonNode) Json.mapper().getNodeFactory().numberNode(i)),
                Arbitraries.strings().withChars("ab/~").ofMaxLength(2).map(s ->
                        (JsonNode) Json.mapper().getNodeFactory().textNode(s)),
                Arbitraries.just((JsonNode) Json.mapper().getNodeFactory().nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(3).map(list -> {
            ArrayNode a = Json.mapper().createArrayNode();
            list.forEach(a::add);
            return (JsonNode) a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(
                        Arbitraries.strings()
                                .withChars("kx/~")
                                .ofMinLength(1)
                                .ofMaxLength(2)
                                .list()
                                .ofMaxSize(3),
                        value(depth - 1).list().ofSize(3))
                .as((keys, values) -> {
                    ObjectNode o = Json.object();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return (JsonNode) o;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(2, object));
    }
}
