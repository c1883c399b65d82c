package dev.eventscope.fuzz;

import dev.eventscope.event.EventJson;
import dev.eventscope.ingest.EventInput;
import dev.eventscope.ingest.JsonArrayReader;
import dev.eventscope.ingest.LineReader;
import dev.eventscope.ingest.RecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Fast checks on the core alone, run on every input before the slower end-to-end run through the
 * command line, which targets run only when they must (see {@link #sampled}).
 */
final class Core {

    private Core() {}

    /**
     * Whether every record of an import input reads as an event. A refusal is an
     * IllegalArgumentException with the reason; anything else thrown is a finding.
     */
    static boolean parses(byte[] input, boolean array) {
        int max = EventJson.ReadOptions.DEFAULT.maxRecordBytes();
        boolean valid = true;
        try (RecordReader reader = array
                ? new JsonArrayReader(new ByteArrayInputStream(input), max)
                : new LineReader(new ByteArrayInputStream(input), max)) {
            LineReader.Line r;
            while ((r = reader.next()) != null) {
                if (r.problem != null || r.tooLong || isBlank(r)) {
                    valid &= r.problem == null && !r.tooLong;
                    continue;
                }
                try {
                    EventInput.parseOne(r.buffer, 0, r.length, EventJson.ReadOptions.DEFAULT);
                } catch (IllegalArgumentException refused) {
                    if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                        throw Outcome.finding("a refusal without a reason", refused);
                    }
                    valid = false;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return valid;
    }

    private static boolean isBlank(LineReader.Line r) {
        for (int i = 0; i < r.length; i++) {
            if (r.buffer[i] != ' ' && r.buffer[i] != '\t' && r.buffer[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** A refusal by the core must be of a documented kind and say why, on one line. */
    static void requireDocumented(dev.eventscope.error.EventscopeException refused) {
        switch (refused.failure()) {
            case USAGE, INVALID_INPUT, NOT_FOUND, IO -> requireReason(refused);
            default -> throw Outcome.finding("a refusal of kind " + refused.failure(), refused);
        }
    }

    /** A refusal must say why: a message, whose first line is not empty. */
    static void requireReason(RuntimeException refused) {
        String m = refused.getMessage();
        if (m == null || m.isBlank() || m.startsWith("\n")) {
            throw Outcome.finding("a refusal without a reason", refused);
        }
    }

    /** Whether the first byte after a byte-order mark and whitespace is {@code [}. */
    static boolean startsWithArray(byte[] bytes) {
        int i = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF
                ? 3
                : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
            i++;
        }
        return i < bytes.length && bytes[i] == '[';
    }

    /**
     * One refused input in 16, chosen by its bytes (so a replay decides the same way), also goes
     * through the command line: its message and that nothing was written are checked there.
     */
    static boolean sampled(byte[] input) {
        return (Arrays.hashCode(input) & 15) == 0;
    }
}
