package dev.eventscope.e2e.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evs test (specs passing, failing, malformed, JUnit XML) and --plugin, end to end. */
class SpecsAndPluginsIT {

    @TempDir
    static Path dir;

    static ModelEvs evs;

    static final String ORDERS_MODEL =
            ModelEvs.repo("samples/orders/eventscope.yaml").toString();

    @BeforeAll
    static void setUp() {
        evs = new ModelEvs(dir);
    }

    @Nested
    class when_running_specs {

        @Test
        void the_sample_specs_pass() throws IOException {
            // given
            List<String> args = new java.util.ArrayList<>(List.of("--model", ORDERS_MODEL, "test"));
            try (var files = Files.list(ModelEvs.repo("samples/orders/specs"))) {
                files.sorted().forEach(f -> args.add(f.toString()));
            }

            // when
            ModelEvs.Result r = evs.run(args.toArray(String[]::new));

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out())
                    .contains("PASS  a v1 OrderPlaced computes the total from its items\n")
                    .contains("PASS  a cancelled order does not ship, even when it was paid\n")
                    .contains("PASS  no items are added after shipping\n")
                    .endsWith(" passed, 0 failed\n");
            assertThat(r.err()).isEmpty();
        }

        @Test
        void failing_specs_exit_1_with_a_readable_diff_and_a_junit_report() throws IOException {
            // when
            ModelEvs.Result r = evs.run(
                    "--model",
                    ORDERS_MODEL,
                    "test",
                    ModelEvs.repo("src/test/resources/specs/failing.yaml").toString(),
                    "--junit",
                    "report/specs.xml");

            // then
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out())
                    .contains("FAIL  a deliberately wrong expectation  (")
                    .contains("        /status: expected \"SHIPPED\", got \"PLACED\"\n")
                    .contains("        /customerId: expected \"c-2\", got \"c-1\"\n")
                    .contains("        /note: expected \"x\", missing\n")
                    .contains(
                            "        expected an error containing \"strict\", but the state folded: {\"status\":\"PLACED\"")
                    .endsWith("0 passed, 3 failed\n");
            String xml = Files.readString(dir.resolve("report/specs.xml"));
            assertThat(xml)
                    .contains("<testsuites name=\"evs test\" tests=\"3\" failures=\"3\" errors=\"0\"")
                    .contains("<testcase classname=")
                    .contains("name=\"a deliberately wrong expectation\"")
                    .contains("<failure message=\"/status: expected &quot;SHIPPED&quot;, got &quot;PLACED&quot;\"");
        }

        @Test
        void failing_command_specs_are_reported_the_same_way() throws IOException {
            // when
            ModelEvs.Result r = evs.run(
                    "--model",
                    ORDERS_MODEL,
                    "test",
                    ModelEvs.repo("src/test/resources/specs/failing-commands.yaml")
                            .toString(),
                    "--junit",
                    "report/commands.xml");

            // then
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out())
                    .contains("FAIL  a payment decided with a wrong expectation of its payload  (")
                    .contains("        payload/amount: expected 12, got 10\n")
                    .contains("        metadata.userId: expected \"u-1\", got nothing\n")
                    .contains("        expected a rejection containing \"cannot be cancelled\", but the command was"
                            + " accepted: OrderCancelled v1\n")
                    .contains("        expected 1 event, but the command was rejected: there is no order order-1\n")
                    .contains("PASS  a command the spec expects to ship, and it does\n")
                    .endsWith("1 passed, 3 failed\n");
            String xml = Files.readString(dir.resolve("report/commands.xml"));
            assertThat(xml)
                    .contains("<testsuites name=\"evs test\" tests=\"4\" failures=\"3\" errors=\"0\"")
                    .contains("<failure message=\"payload/amount: expected 12, got 10\"");
        }

        @Test
        void a_malformed_spec_file_exits_65_with_the_line() {
            // when
            ModelEvs.Result r = evs.run(
                    "--model",
                    ORDERS_MODEL,
                    "test",
                    ModelEvs.repo("src/test/resources/specs/malformed.yaml").toString());

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err())
                    .contains("malformed.yaml:6:13: unknown key 'expect'")
                    .contains("the spec needs 'then'");
        }
    }

    @Nested
    class when_a_plugin_supplies_a_reducer {

        static Path jar;

        @BeforeAll
        static void plugin() throws IOException {
            jar = buildPlugin(dir.resolve("plugin"));
            ModelEvs.Result r = evs.run(
                    "--db",
                    "o.db",
                    "import",
                    ModelEvs.repo("samples/orders/events.ndjson").toString());
            assertThat(r.code()).as(r.toString()).isZero();
        }

        @Test
        void state_folds_with_the_plugin_without_a_model_file() {
            // when
            ModelEvs.Result r = evs.run("--db", "o.db", "--plugin", jar.toString(), "state", "SKU-11", "-o", "ndjson");

            // then
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("\"state\":{\"events\":").contains("\"lastType\":\"");
        }

        @Test
        void an_aggregate_defined_in_the_model_and_a_plugin_is_refused() {
            // when
            ModelEvs.Result r =
                    evs.run("--db", "o.db", "--model", ORDERS_MODEL, "--plugin", jar.toString(), "state", "SKU-11");

            // then
            assertThat(r.code()).isEqualTo(65);
            assertThat(r.err()).contains("  plugin test.plugin.CountingPlugin: aggregate Inventory is already defined");
        }

        @Test
        void a_plugin_jar_that_does_not_exist_exits_66() {
            // when
            ModelEvs.Result r = evs.run("--db", "o.db", "--plugin", "missing.jar", "state", "SKU-11");

            // then
            assertThat(r.code()).isEqualTo(66);
            assertThat(r.err()).startsWith("evs: plugin jar missing.jar does not exist\n");
        }
    }

    /** Compiles a tiny AggregatePlugin against the shaded jar and packs it with its service entry. */
    static Path buildPlugin(Path work) throws IOException {
        Path src = work.resolve("src/test/plugin/CountingPlugin.java");
        Files.createDirectories(src.getParent());
        Files.writeString(
                src,
                "package test.plugin;\n"
                        + "import com.fasterxml.jackson.databind.JsonNode;\n"
                        + "import com.fasterxml.jackson.databind.node.JsonNodeFactory;\n"
                        + "import com.fasterxml.jackson.databind.node.ObjectNode;\n"
                        + "public class CountingPlugin implements dev.eventscope.model.spi.AggregatePlugin {\n"
                        + "  public String aggregateType() { return \"Inventory\"; }\n"
                        + "  public JsonNode initialState() { ObjectNode o = JsonNodeFactory.instance.objectNode();"
                        + " o.put(\"events\", 0); return o; }\n"
                        + "  public JsonNode apply(JsonNode state, JsonNode event) {\n"
                        + "    ObjectNode o = state.deepCopy();\n"
                        + "    o.put(\"events\", state.get(\"events\").asInt() + 1);\n"
                        + "    o.put(\"lastType\", event.get(\"eventType\").asText());\n"
                        + "    return o;\n"
                        + "  }\n"
                        + "}\n");
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "-cp",
                ModelEvs.JAR.toAbsolutePath().toString(),
                src.toString());
        assertThat(rc).isZero();
        Path jarFile = work.resolve("counting-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarFile))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.eventscope.model.spi.AggregatePlugin"));
            out.write("test.plugin.CountingPlugin\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("test/plugin/CountingPlugin.class"));
            out.write(Files.readAllBytes(classes.resolve("test/plugin/CountingPlugin.class")));
            out.closeEntry();
        }
        return jarFile;
    }
}
