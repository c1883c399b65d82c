package dev.eventscope.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.JsonDoc;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemasTest {

    @TempDir
    Path dir;

    private Model load(String yaml) {
        return ModelLoader.parse("m.yaml", yaml, dir, List.of());
    }

    private static JsonDoc json(String text) {
        return JsonDoc.ofText(text);
    }

    @Nested
    class when_validating_a_payload {

        @Test
        void every_violation_is_reported_with_its_json_path_into_the_event() {
            // given
            EventValidator v = load("schemas:\n  Placed:\n    2:\n      type: object\n      required: [total]\n"
                            + "      properties:\n        total: {type: number, minimum: 0}\n"
                            + "        items: {type: array, items: {type: object, required: [sku]}}\n"
                            + "      additionalProperties: false\n")
                    .validator();

            // when
            List<String> violations = v.violations("Placed", 2, json("{\"items\":[{\"sku\":\"a\"},{}],\"x\":1}"));

            // then
            assertThat(violations)
                    .containsExactlyInAnyOrder(
                            "$.payload: required property 'total' not found",
                            "$.payload.items[1]: required property 'sku' not found",
                            "$.payload: property 'x' is not defined in the schema and the schema does not allow"
                                    + " additional properties");
            assertThat(v.violations("Placed", 2, json("{\"total\":3.5}"))).isEmpty();
        }

        @Test
        void an_event_type_or_version_without_a_schema_is_not_checked() {
            // given
            EventValidator v = load("schemas:\n  Placed:\n    2: {type: object, required: [total]}\n")
                    .validator();

            // then
            assertThat(v.violations("Placed", 1, json("{}"))).isEmpty();
            assertThat(v.violations("Shipped", 2, json("{}"))).isEmpty();
            assertThat(v.versions("Placed")).containsExactly(2);
        }

        @Test
        void formats_are_asserted() {
            // given
            EventValidator v = load("schemas:\n  A:\n    1: {properties: {at: {type: string, format: date-time}}}\n")
                    .validator();

            // then
            assertThat(v.violations("A", 1, json("{\"at\":\"yesterday\"}")))
                    .singleElement()
                    .asString()
                    .startsWith("$.payload.at: does not match the date-time pattern");
            assertThat(v.violations("A", 1, json("{\"at\":\"2024-01-15T10:30:00Z\"}")))
                    .isEmpty();
        }

        @Test
        void a_schema_file_is_read_relative_to_the_model_and_may_refer_to_its_neighbours() throws Exception {
            // given
            Files.createDirectories(dir.resolve("schemas"));
            Files.writeString(
                    dir.resolve("schemas/placed.json"),
                    "{\"type\":\"object\",\"properties\":{\"sku\":{\"$ref\":\"sku.json\"}}}");
            Files.writeString(dir.resolve("schemas/sku.json"), "{\"type\":\"string\",\"minLength\":3}");
            EventValidator v =
                    load("schemas:\n  Placed:\n    1: schemas/placed.json\n").validator();

            // then
            assertThat(v.violations("Placed", 1, json("{\"sku\":\"ab\"}")))
                    .containsExactly("$.payload.sku: must be at least 3 characters long");
            assertThat(v.schema("Placed", 1).orElseThrow().source()).isEqualTo("schemas/placed.json");
        }
    }

    @Nested
    class when_a_schema_is_wrong {

        private String problems(String yaml) {
            try {
                load(yaml);
            } catch (InvalidInputException e) {
                return String.join("\n", e.problems());
            }
            throw new AssertionError("the model loaded");
        }

        @Test
        void a_schema_that_breaks_the_meta_schema_is_a_model_error_at_its_line() {
            assertThat(problems("schemas:\n  A:\n    1: {type: object, required: yes}\n"))
                    .startsWith("m.yaml:3:8: schema A v1: it is not a valid JSON Schema (draft 2020-12): $.required:");
        }

        @Test
        void a_missing_file_a_file_that_is_not_json_and_a_bad_version_are_model_errors() throws Exception {
            Files.writeString(dir.resolve("bad.json"), "{not json");
            assertThat(problems("schemas:\n  A:\n    1: none.json\n    2: bad.json\n    v3: {}\n    4: 5\n"))
                    .contains("m.yaml:3:8: schema A v1: the file " + dir.resolve("none.json") + " does not exist")
                    .contains("m.yaml:4:8: schema A v2: " + dir.resolve("bad.json") + " is not JSON")
                    .contains("m.yaml:5:9: schema version 'v3' of A must be a whole number of 1 or more")
                    .contains("m.yaml:6:8: schema A v4 must be a JSON Schema written as a mapping, or the path of a"
                            + " JSON file, got a number");
        }

        @Test
        void a_reference_to_the_network_is_refused() {
            assertThatThrownBy(() -> load("schemas:\n  A:\n    1: {$ref: 'http://example.com/s.json'}\n"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.problems())
                                    .singleElement()
                                    .asString()
                                    .startsWith("m.yaml:3:8: schema A v1: it cannot be used:")
                                    .contains("http://example.com/s.json"));
        }
    }
}
