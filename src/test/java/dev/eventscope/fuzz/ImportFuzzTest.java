package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code evs import FILE}: an NDJSON file, and a JSON array file. Each input is imported into a new
 * store; it is refused whole (exit 65, nothing written) or every record reads back the same
 * through {@code export}, {@code events -o ndjson} and {@code show}.
 */
class ImportFuzzTest {

    private static final Evs EVS = new Evs(Evs.scratch("import"));

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
        "\"correlationId\":",
        "\"causationId\":",
        "\"userId\":",
        "\"position\":",
        "\"streamVersion\":",
        "\"recordedAt\":",
        "\"hash\":",
        "\"2024-01-15T10:30:00Z\"",
        "\"550e8400-e29b-41d4-a716-446655440000\"",
        "1e999999999",
        "-0",
        "\\ud800"
    })
    void ndjson(byte[] input) {
        importAndReadBack(input, false);
    }

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({"[", "]", ",", "\"eventType\":", "\"aggregateId\":", "\"payload\":", "\"metadata\":"})
    void jsonArray(byte[] input) {
        byte[] array = new byte[input.length + 1];
        array[0] = '[';
        System.arraycopy(input, 0, array, 1, input.length);
        importAndReadBack(array, true);
    }

    private static void importAndReadBack(byte[] input, boolean array) {
        // the core's verdict first, on every input: fast, so the fuzzer explores the parsers
        boolean valid = Core.parses(input, array);
        if (!valid && !Core.sampled(input)) {
            return;
        }
        EVS.reset();
        Path file = EVS.dir().resolve(array ? "input.json" : "input.ndjson");
        write(file, input);
        Evs.Run imported = Outcome.require(EVS.run("import", file.toString()));
        if (imported.exit() != 0) {
            Evs.Run events = Outcome.require(EVS.run("events", "-o", "ndjson"));
            if (!events.out().isEmpty()) {
                throw Outcome.finding("a refused import wrote events", imported, events);
            }
            return;
        }
        List<JsonNode> records = RoundTrip.records(input, array);
        Evs.Run exported = Outcome.require(EVS.run("export"));
        Evs.Run listed = Outcome.require(EVS.run("events", "-o", "ndjson"));
        List<JsonNode> export = RoundTrip.lines(exported.out());
        List<JsonNode> events = RoundTrip.lines(listed.out());
        // events with one eventId twice in one file are stored once
        if (export.size() > records.size() || events.size() != export.size()) {
            throw Outcome.finding(
                    records.size() + " records, " + export.size() + " exported, " + events.size() + " listed",
                    imported,
                    exported,
                    listed);
        }
        if (export.size() == records.size()) {
            for (int i = 0; i < records.size(); i++) {
                RoundTrip.requireSame(records.get(i), export.get(i), exported);
                RoundTrip.requireSame(records.get(i), events.get(i), listed);
            }
        }
        if (!export.isEmpty()) {
            Evs.Run shown = Outcome.require(EVS.run("show", "1", "-o", "json"));
            JsonNode first = RoundTrip.lines(shown.out().replace("\n", " ")).get(0);
            RoundTrip.requireSame(export.get(0), first, shown);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
