package dev.eventscope.cli.render;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.RecordedEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An export's output is the same bytes whether lines are copied as bytes or decoded onto the writer. */
class ExportOutTest {

    private static final String LINE = "{\"eventId\":\"x\",\"payload\":{\"s\":\"é ✓\"}}";

    private static RecordedEvent stored(long position) {
        var e = event("Noted")
                .id(java.util.UUID.randomUUID())
                .on("Kunde", "Zürich")
                .at("2023-05-06T07:08:09.123456Z")
                .payload("{\"s\":\"é\\n\"}")
                .build();
        return new RecordedEvent(
                position,
                e.eventId(),
                e.eventType(),
                e.stream(),
                1,
                e.eventVersion(),
                e.timestamp(),
                Instant.parse("2024-01-01T00:00:00.5Z"),
                e.payload(),
                e.metadata(),
                null,
                null,
                null,
                "h");
    }

    private static void write(ExportOut out, RecordedEvent e) {
        byte[] line = LINE.getBytes(StandardCharsets.UTF_8);
        byte[] longer = java.util.Arrays.copyOf(line, line.length + 5);
        assertThat(out.line(longer, line.length)).isTrue();
        assertThat(out.accept(e)).isTrue();
        assertThat(out.line(line, line.length)).isTrue();
    }

    @Test
    void bytes_beneath_standard_output_and_a_plain_writer_get_the_same_text() {
        RecordedEvent e = stored(7);
        // given a writer with registered bytes beneath it, as Main sets up standard output
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter stdout = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));
        StdoutBytes.register(stdout, bytes);
        stdout.print("before\n");
        StringWriter plain = new StringWriter();
        PrintWriter other = new PrintWriter(plain);
        try {
            // when
            try (ExportOut out = new ExportOut(stdout)) {
                write(out, e);
            }
            try (ExportOut out = new ExportOut(other)) {
                write(out, e);
            }
        } finally {
            StdoutBytes.register(null, null);
        }

        // then
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("before\n" + plain);
        assertThat(plain.toString())
                .startsWith(LINE + "\n{\"eventId\":\"" + e.eventId())
                .endsWith("}\n" + LINE + "\n");
        assertThat(plain.toString().split("\n")).hasSize(3);
    }
}
