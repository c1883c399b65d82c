package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.eventscope.event.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code evs append}: the document of {@code --file}, and the event given by flags with
 * {@code --payload @FILE} and {@code --metadata @FILE}. Both are read by the one core path an
 * import line goes through, so each is compared with {@code import} of the same event: both accept
 * it and store the same values, or both refuse it (exit 65) for the same reasons.
 */
class AppendFuzzTest {

    private static final Evs APPEND = new Evs(Evs.scratch("append"));
    private static final Evs IMPORT = new Evs(Evs.scratch("append-import"));

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "\"eventType\":",
        "\"aggregateType\":",
        "\"aggregateId\":",
        "\"eventId\":",
        "\"eventVersion\":",
        "\"timestamp\":",
        "\"payload\":",
        "\"metadata\":",
        "\"userId\":",
        "1e999999999",
        "0.4e0066666666666666666666666666666666666666666666666666666666666666666666666666666006"
    })
    void file(byte[] document) {
        APPEND.reset();
        IMPORT.reset();
        Evs.Run fromStdin = Outcome.require(APPEND.run(document, "append", "--file", "-"), 3);
        APPEND.reset();
        Path file = APPEND.dir().resolve("batch.json");
        ImportFuzzTest.write(file, document);
        Evs.Run appended = Outcome.require(APPEND.run("append", "--file", file.toString()), 3);
        if (fromStdin.exit() != appended.exit()) {
            throw Outcome.finding("--file FILE and --file - disagree", appended, fromStdin);
        }
        if (appended.exit() != 0) {
            requireNothingWritten(APPEND, appended);
        }
        if (new String(document, StandardCharsets.UTF_8).isBlank()) {
            return; // nothing to append is an error; nothing to import is an empty import
        }
        boolean oneLine = !contains(document, (byte) '\n') && !contains(document, (byte) '\r');
        if (!oneLine && !Core.startsWithArray(document)) {
            return; // an NDJSON import would read it as several lines
        }
        Path line = IMPORT.dir().resolve("batch.json");
        ImportFuzzTest.write(line, document);
        Evs.Run imported = Outcome.require(IMPORT.run("import", line.toString()));
        compare(appended, imported);
    }

    @FuzzTest(maxDuration = "10m")
    void flags(FuzzedDataProvider data) {
        APPEND.reset();
        IMPORT.reset();
        String type = data.consumeString(40);
        String aggregateType = data.consumeString(40);
        String aggregateId = data.consumeString(40);
        String eventId = data.consumeBoolean() ? data.consumeString(40) : null;
        String timestamp = data.consumeBoolean() ? data.consumeString(40) : null;
        Integer version = data.consumeBoolean() ? data.consumeInt() : null;
        byte[] metadata = data.consumeBoolean() ? data.consumeBytes(200) : null;
        byte[] payload = data.consumeRemainingAsBytes();

        List<String> args = new ArrayList<>(List.of(
                "append", "--type=" + type, "--aggregate-type=" + aggregateType, "--aggregate-id=" + aggregateId));
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        write(
                ndjson,
                "{\"eventType\":" + quote(type) + ",\"aggregateType\":" + quote(aggregateType) + ",\"aggregateId\":"
                        + quote(aggregateId));
        if (eventId != null) {
            args.add("--event-id=" + eventId);
            write(ndjson, ",\"eventId\":" + quote(eventId));
        }
        if (timestamp != null) {
            args.add("--timestamp=" + timestamp);
            write(ndjson, ",\"timestamp\":" + quote(timestamp));
        }
        if (version != null) {
            args.add("--event-version=" + version);
            write(ndjson, ",\"eventVersion\":" + version);
        }
        Path payloadFile = APPEND.dir().resolve("payload.json");
        ImportFuzzTest.write(payloadFile, payload);
        args.add("--payload=@" + payloadFile);
        write(ndjson, ",\"payload\":");
        ndjson.writeBytes(payload);
        if (metadata != null) {
            Path metadataFile = APPEND.dir().resolve("metadata.json");
            ImportFuzzTest.write(metadataFile, metadata);
            args.add("--metadata=@" + metadataFile);
            write(ndjson, ",\"metadata\":");
            ndjson.writeBytes(metadata);
        }
        write(ndjson, "}");

        Evs.Run appended = Outcome.require(APPEND.run(args.toArray(String[]::new)));
        if (appended.exit() != 0) {
            requireNothingWritten(APPEND, appended);
        }
        if (appended.exit() == 2) {
            // the command line itself was refused (picocli reads --type=-- as a missing value): no
            // event was read, so there is nothing to compare with an import
            return;
        }
        byte[] line = ndjson.toByteArray();
        if (contains(line, (byte) '\n') || contains(line, (byte) '\r')) {
            return; // not one NDJSON line: nothing to compare with
        }
        Path file = IMPORT.dir().resolve("event.ndjson");
        ImportFuzzTest.write(file, line);
        Evs.Run imported = Outcome.require(IMPORT.run("import", file.toString()));
        boolean jsonProblem = appended.err().contains(" is not valid JSON: ");
        if ((appended.exit() == 0) != (imported.exit() == 0)) {
            // a document that is not JSON breaks the line around it: only the verdict must agree
            throw Outcome.finding("append by flags and import of the same event disagree", appended, imported);
        }
        if (appended.exit() == 0) {
            requireSameEvents(appended, imported);
        } else if (!jsonProblem) {
            compareProblems(List.of(problemOfFlags(appended)), problems(imported), appended, imported);
        }
    }

    private static void compare(Evs.Run appended, Evs.Run imported) {
        if ((appended.exit() == 0) != (imported.exit() == 0)) {
            throw Outcome.finding("append --file and import of the same document disagree", appended, imported);
        }
        if (appended.exit() == 0) {
            requireSameEvents(appended, imported);
            return;
        }
        if (appended.err().contains(" is longer than the limit")
                || appended.err().contains("no events")) {
            return;
        }
        compareProblems(List.copyOf(problems(appended)), problems(imported), appended, imported);
    }

    private static void requireSameEvents(Evs.Run appended, Evs.Run imported) {
        List<JsonNode> a = RoundTrip.lines(
                Outcome.require(APPEND.run("events", "-o", "ndjson")).out());
        List<JsonNode> b = RoundTrip.lines(
                Outcome.require(IMPORT.run("events", "-o", "ndjson")).out());
        if (a.size() != b.size()) {
            throw Outcome.finding(a.size() + " events appended, " + b.size() + " imported", appended, imported);
        }
        for (int i = 0; i < a.size(); i++) {
            ObjectNode expected = (ObjectNode) b.get(i);
            // ids and times the store chose differ between the two stores; given ones must not
            expected.remove("eventId");
            if (expected.path("timestamp").equals(expected.path("recordedAt"))) {
                expected.remove("timestamp");
            }
            RoundTrip.requireSame(expected, a.get(i), appended + "\n" + imported);
        }
    }

    /** The reasons listed under a refusal, without their place ("line 1: ", "event 2: "). */
    private static TreeSet<String> problems(Evs.Run run) {
        TreeSet<String> out = new TreeSet<>();
        for (String l : run.err().split("\n")) {
            if (l.startsWith("  ") && l.indexOf(": ") > 0 && !l.startsWith("  ...")) {
                out.add(l.substring(l.indexOf(": ") + 2));
            }
        }
        return out;
    }

    private static String problemOfFlags(Evs.Run run) {
        String first = Outcome.firstLine(run.err());
        return first.startsWith("evs: invalid event: ") ? first.substring("evs: invalid event: ".length()) : first;
    }

    private static void compareProblems(
            List<String> expected, java.util.Collection<String> actual, Evs.Run a, Evs.Run b) {
        if (!new TreeSet<>(expected).equals(new TreeSet<>(actual)) && !expected.isEmpty()) {
            if (!(expected.size() == 1 && actual.isEmpty() && expected.get(0).startsWith("evs: "))) {
                throw Outcome.finding("the same input is refused for different reasons", a, b);
            }
        }
    }

    private static void requireNothingWritten(Evs evs, Evs.Run refused) {
        if (java.nio.file.Files.exists(evs.db())) {
            Evs.Run events = Outcome.require(evs.run("events", "-o", "ndjson"));
            if (!events.out().isEmpty()) {
                throw Outcome.finding("a refused append wrote events", refused, events);
            }
        }
    }

    private static String quote(String s) {
        return Json.write(TextNode.valueOf(s));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
