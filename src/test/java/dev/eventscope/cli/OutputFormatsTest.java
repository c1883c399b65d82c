package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code -o}: its help names exactly the formats it takes and its real default.
 * Each command runs (in-process, on a small store) with every format its help advertises, which it
 * must take, and with every other format there is, which it must refuse as a usage error.
 */
class OutputFormatsTest {

    /** Every format any command has. */
    static final List<String> FORMATS =
            List.of("table", "json", "ndjson", "csv", "tree", "dot", "mermaid", "html", "md");

    static final String ID_1 = "00000000-0000-4000-8000-000000000001";

    static final String EVENTS = String.join(
            "\n",
            "{\"eventId\":\"" + ID_1 + "\",\"eventType\":\"OrderPlaced\",\"aggregateType\":\"Order\","
                    + "\"aggregateId\":\"o-1\",\"timestamp\":\"2024-01-01T10:00:00Z\",\"payload\":{},"
                    + "\"metadata\":{\"correlationId\":\"c-1\",\"causationId\":\"cmd-1\",\"userId\":\"ann\"}}",
            "{\"eventId\":\"00000000-0000-4000-8000-000000000002\",\"eventType\":\"OrderShipped\","
                    + "\"aggregateType\":\"Order\",\"aggregateId\":\"o-1\",\"timestamp\":\"2024-01-02T10:00:00Z\","
                    + "\"payload\":{},\"metadata\":{\"correlationId\":\"c-1\",\"causationId\":\"" + ID_1 + "\"}}",
            "{\"eventId\":\"00000000-0000-4000-8000-000000000003\",\"eventType\":\"PaymentFailed\","
                    + "\"aggregateType\":\"Payment\",\"aggregateId\":\"p-1\",\"timestamp\":\"2024-01-03T10:00:00Z\","
                    + "\"payload\":{},\"metadata\":{\"correlationId\":\"c-1\",\"causationId\":\"" + ID_1 + "\"}}",
            "");

    static final String MODEL = String.join(
            "\n",
            "aggregates:",
            "  Order:",
            "    initial: {status: NEW}",
            "    reducers:",
            "      OrderPlaced: '$state | {\"status\": \"PLACED\", * : .}'",
            "      OrderShipped: '$state | {\"status\": \"SHIPPED\", * : .}'",
            "projections:",
            "  board:",
            "    key: id",
            "    columns: {id: TEXT, status: TEXT}",
            "    on:",
            "      OrderPlaced: {upsert: '{\"id\": .aggregateId, \"status\": \"PLACED\"}'}",
            "handlers:",
            "  fails:",
            "    kind: exec",
            "    command: [sh, -c, 'exit 1']",
            "    types: [PaymentFailed]",
            "    retry: {attempts: 1, backoff: 1ms}",
            "sagas:",
            "  shipping:",
            "    association: .aggregateId",
            "    start: [OrderPlaced]",
            "    end: [OrderShipped]",
            "    initial: {step: placed}",
            "    on:",
            "      OrderShipped: {state: '$state | {\"step\": \"shipped\", * : .}'}",
            "commands:",
            "  Ship:",
            "    aggregateType: Order",
            "    aggregateId: .payload.id",
            "    decide: '[{\"eventType\": \"OrderShipped\", \"payload\": {}}]'",
            "");

    @TempDir
    static Path dir;

    static String db;
    static String model;
    static String events;

    /** The runs of each command (without -o): together they reach every format it advertises. */
    static Map<String, List<List<String>>> variants() {
        Map<String, List<List<String>>> v = new LinkedHashMap<>();
        v.put(
                "append",
                // the first event again: stored already, so every run prints the same
                List.of(List.of(
                        "append",
                        "--type",
                        "OrderPlaced",
                        "--aggregate-type",
                        "Order",
                        "--aggregate-id",
                        "o-1",
                        "--event-id",
                        ID_1,
                        "--timestamp",
                        "2024-01-01T10:00:00Z",
                        "--payload",
                        "{}",
                        "--correlation-id",
                        "c-1",
                        "--causation-id",
                        "cmd-1",
                        "--user",
                        "ann")));
        v.put("import", List.of(List.of("import", events)));
        v.put("events", List.of(List.of("events", "--limit", "2")));
        v.put("show", List.of(List.of("show", "1")));
        v.put("streams", List.of(List.of("streams")));
        v.put("trace", List.of(List.of("trace", "1"), List.of("trace", "--summary", "--all")));
        v.put("verify", List.of(List.of("verify")));
        v.put("head", List.of(List.of("head")));
        v.put("state", List.of(List.of("state", "o-1"), List.of("state", "o-1", "--trace-state")));
        v.put("replay", List.of(List.of("replay")));
        v.put("diff", List.of(List.of("diff", "o-1", "--from", "version:1")));
        v.put(
                "bisect",
                List.of(
                        List.of("bisect", "o-1", "--when", "true"),
                        List.of("bisect", "--all", "--aggregate-type", "Order", "--when", "true")));
        v.put("whatif", List.of(List.of("whatif", "o-1", "--drop", ID_1)));
        // a dry run with its id and time given: nothing is written, so every run prints the same
        v.put(
                "exec",
                List.of(List.of(
                        "exec",
                        "Ship",
                        "--payload",
                        "{\"id\":\"o-1\"}",
                        "--command-id",
                        "cmd-ship-1",
                        "--timestamp",
                        "2024-01-05T00:00:00Z",
                        "--dry-run")));
        // at version 0: nothing to store, so every run prints the same
        v.put("snapshot create", List.of(List.of("snapshot", "create", "o-1", "--version", "0")));
        v.put("snapshot list", List.of(List.of("snapshot", "list")));
        v.put("snapshot prune", List.of(List.of("snapshot", "prune", "--keep", "1", "--dry-run")));
        v.put("snapshot verify", List.of(List.of("snapshot", "verify")));
        v.put("upcast check", List.of(List.of("upcast", "check")));
        v.put("upcast show", List.of(List.of("upcast", "show", "1")));
        v.put(
                "upcast migrate",
                List.of(List.of(
                        "upcast", "migrate", "--to", dir.resolve("new.db").toString(), "--dry-run")));
        v.put("process", List.of(List.of("process", "board")));
        v.put("project rebuild", List.of(List.of("project", "rebuild", "board")));
        v.put("query", List.of(List.of("query", "select * from rm_board")));
        v.put("saga list", List.of(List.of("saga", "list")));
        v.put("saga show", List.of(List.of("saga", "show", "shipping", "o-1")));
        v.put("dlq list", List.of(List.of("dlq", "list")));
        v.put("dlq show", List.of(List.of("dlq", "show", "1")));
        v.put("dlq retry", List.of(List.of("dlq", "retry", "--all", "--dry-run")));
        v.put("dlq skip", List.of(List.of("dlq", "skip", "999", "--reason", "none")));
        v.put("lint", List.of(List.of("lint")));
        v.put("audit", List.of(List.of("audit", "o-1")));
        v.put("audit report", List.of(List.of("audit", "report", "-")));
        v.put("stats", List.of(List.of("stats")));
        // the first run copies, the next ones find nothing to copy
        v.put("copy", List.of(List.of("copy", "--to", dir.resolve("copy.db").toString())));
        return v;
    }

    @BeforeAll
    static void store() throws IOException {
        db = dir.resolve("events.db").toString();
        model = Files.writeString(dir.resolve("model.yaml"), MODEL).toString();
        events = Files.writeString(dir.resolve("events.ndjson"), EVENTS).toString();
        assertThat(run(List.of("import", events)).code()).isZero();
        assertThat(run(List.of("process", "fails")).code()).isZero();
    }

    record Run(int code, String out, String err) {}

    static Run run(List<String> words) {
        List<String> args = new ArrayList<>(List.of("--db", db, "--model", model));
        args.addAll(words);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        String[] argv = args.toArray(new String[0]);
        int code = Main.run(
                Main.commandLine(main, new PrintWriter(out, true), new PrintWriter(err, true), argv), main, argv);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(List<String> words, String format) {
        List<String> args = new ArrayList<>(words);
        args.add("-o");
        args.add(format);
        return run(args);
    }

    /** Every command of the tree that has an {@code -o}, by qualified name without "evs". */
    static Map<String, OptionSpec> commandsWithOutput() {
        StringWriter sink = new StringWriter();
        CommandLine root = Main.commandLine(new Main(), new PrintWriter(sink), new PrintWriter(sink));
        Map<String, OptionSpec> found = new LinkedHashMap<>();
        collect(root, found);
        return found;
    }

    private static void collect(CommandLine cmd, Map<String, OptionSpec> found) {
        CommandSpec spec = cmd.getCommandSpec();
        OptionSpec o = spec.findOption("-o");
        if (o != null && spec.parent() != null) {
            found.put(spec.qualifiedName().substring("evs ".length()), o);
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                collect(sub, found);
            }
        }
    }

    /** The formats named in a description, in the order written. */
    static List<String> advertised(String description) {
        List<String> named = new ArrayList<>();
        Matcher m = Pattern.compile("\\b(" + String.join("|", FORMATS) + ")\\b").matcher(description);
        while (m.find()) {
            if (!named.contains(m.group(1))) {
                named.add(m.group(1));
            }
        }
        return named;
    }

    @Test
    void every_command_with_an_output_option_is_tried_here() {
        assertThat(variants().keySet())
                .containsExactlyInAnyOrderElementsOf(commandsWithOutput().keySet());
    }

    @TestFactory
    Stream<DynamicTest> each_command_takes_every_format_its_help_advertises_and_no_other() {
        Map<String, List<List<String>>> variants = variants();
        return commandsWithOutput().entrySet().stream()
                .map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
                    String description = String.join(" ", c.getValue().description());
                    List<String> advertised = advertised(description);
                    List<List<String>> runs = variants.get(c.getKey());
                    assertThat(advertised).as(description).isNotEmpty();
                    for (String format : FORMATS) {
                        boolean taken = false;
                        for (List<String> words : runs) {
                            Run r = run(words, format);
                            boolean refused = r.code() == 2 && r.err().contains("is not a format of this command");
                            taken |= !refused;
                            if (!refused) {
                                assertThat(r.code())
                                        .as("%s -o %s: %s", words, format, r.err())
                                        .isNotEqualTo(2);
                            }
                        }
                        assertThat(taken)
                                .as("%s -o %s, help: %s", c.getKey(), format, description)
                                .isEqualTo(advertised.contains(format));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> each_run_without_an_output_option_prints_a_format_its_help_calls_the_default() {
        Map<String, List<List<String>>> variants = variants();
        return commandsWithOutput().entrySet().stream()
                .map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
                    String description = String.join(" ", c.getValue().description());
                    for (List<String> words : variants.get(c.getKey())) {
                        String plain = masked(run(words).out());
                        List<String> same = new ArrayList<>();
                        for (String format : advertised(description)) {
                            if (masked(run(words, format).out()).equals(plain)) {
                                same.add(format);
                            }
                        }
                        assertThat(same).as("%s prints as which -o", words).isNotEmpty();
                        assertThat(same)
                                .as("%s: help says %s", words, description)
                                .anySatisfy(f -> assertThat(description).contains(f + " (default"));
                    }
                }));
    }

    /** Output with its figures masked: counts, positions, times and durations change between runs. */
    static String masked(String text) {
        return text.replaceAll("\\d+", "#");
    }
}
