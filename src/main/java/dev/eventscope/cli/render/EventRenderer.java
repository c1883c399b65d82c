package dev.eventscope.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes a stream of events in one output format. JSON payloads stay nested JSON in every format
 * (never an escaped string), except CSV where they are a JSON text cell.
 *
 * <p>{@link #accept} returns false once the output is gone (a closed pipe), so a producer can stop.
 */
public final class EventRenderer implements AutoCloseable {

    private static final String[] HEADERS = {">POSITION", "TIMESTAMP", "STREAM", ">VER", "TYPE", "PAYLOAD"};
    private static final int[] WIDTHS = {0, 0, 40, 0, 32, 60};

    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean flushEach;
    private Table table;
    private JsonGenerator json;
    private boolean first = true;
    private long count;

    /**
     * @param flushEach flush after every event (for {@code --follow})
     */
    public EventRenderer(PrintWriter out, OutputFormat format, boolean flushEach) {
        this.out = out;
        this.format = format;
        this.flushEach = flushEach;
    }

    public boolean accept(RecordedEvent e) {
        count++;
        try {
            switch (format) {
                case TABLE:
                    if (table == null) {
                        table = new Table(out, HEADERS, WIDTHS, flushEach ? 1 : 200);
                    }
                    table.row(
                            e.position(),
                            Times.format(e.timestamp()),
                            e.stream(),
                            e.streamVersion(),
                            e.eventType(),
                            e.payload().text());
                    break;
                case CSV:
                    if (first) {
                        Csv.row(
                                out,
                                "position",
                                "eventId",
                                "eventType",
                                "aggregateType",
                                "aggregateId",
                                "streamVersion",
                                "eventVersion",
                                "timestamp",
                                "recordedAt",
                                "correlationId",
                                "causationId",
                                "userId",
                                "payload",
                                "metadata");
                    }
                    Csv.row(
                            out,
                            e.position(),
                            e.eventId(),
                            e.eventType(),
                            e.aggregateType(),
                            e.aggregateId(),
                            e.streamVersion(),
                            e.eventVersion(),
                            Times.format(e.timestamp()),
                            Times.format(e.recordedAt()),
                            e.correlationId(),
                            e.causationId(),
                            e.userId(),
                            e.payload().text(),
                            e.metadata().text());
                    break;
                case JSON:
                    out.print(first ? "[\n" : ",\n");
                    writeJson(e);
                    break;
                case NDJSON:
                default:
                    writeJson(e);
                    out.print('\n');
                    break;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        first = false;
        if (flushEach) {
            out.flush();
        }
        return !out.checkError();
    }

    private void writeJson(RecordedEvent e) throws IOException {
        if (json == null) {
            json = JsonOut.generator(out);
        }
        EventJson.write(json, e, false);
        json.flush();
    }

    public long count() {
        return count;
    }

    @Override
    public void close() {
        if (table != null) {
            table.close();
        } else if (format == OutputFormat.TABLE && first) {
            new Table(out, HEADERS, WIDTHS).close();
        }
        if (format == OutputFormat.JSON) {
            out.print(first ? "[]\n" : "\n]\n");
        }
        out.flush();
    }
}
