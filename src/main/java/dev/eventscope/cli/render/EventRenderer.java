package dev.eventscope.cli.render;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.event.Times;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes a stream of events in one output format. JSON payloads stay nested JSON in every format
 * (never an escaped string), except CSV where they are a JSON text cell.
 *
 * <p>{@link #accept} returns false once the output is gone (a closed pipe), so a producer can stop.
 */
public final class EventRenderer implements AutoCloseable {

    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean flushEach;
    private final List<EventFields> fields;
    private final boolean vertical;
    private final Palette palette;
    private Table table;
    private JsonGenerator json;
    private JsonOut.Array array;
    private boolean first = true;
    private long count;

    /**
     * @param flushEach flush after every event (for {@code --follow})
     */
    public EventRenderer(PrintWriter out, OutputFormat format, boolean flushEach) {
        this(out, format, flushEach, null, false, Palette.PLAIN);
    }

    /**
     * @param fields the columns (table, CSV) or lines ({@code vertical}) to show; null: the defaults
     * @param vertical one field per line ({@code -x}), for tables
     * @param palette colours for tables
     */
    public EventRenderer(
            PrintWriter out,
            OutputFormat format,
            boolean flushEach,
            List<EventFields> fields,
            boolean vertical,
            Palette palette) {
        if (fields != null && (format == OutputFormat.JSON || format == OutputFormat.NDJSON)) {
            throw new UsageException(
                    "--fields chooses the columns of a table or CSV, not of JSON",
                    "use -o table, -o csv or -x with --fields, or jq for JSON");
        }
        if (vertical && format != OutputFormat.TABLE) {
            throw new UsageException("-x/--vertical is a layout of the table output, not of -o " + format.label());
        }
        this.out = out;
        this.format = format;
        this.flushEach = flushEach;
        this.fields = fields != null ? List.copyOf(fields) : vertical ? EventFields.VERTICAL : null;
        this.vertical = vertical;
        this.palette = palette;
    }

    public boolean accept(RecordedEvent e) {
        count++;
        try {
            switch (format) {
                case TABLE:
                    if (vertical) {
                        vertical(e);
                    } else {
                        tableRow(e);
                    }
                    break;
                case CSV:
                    if (fields != null) {
                        if (first) {
                            Csv.row(out, fields.stream().map(EventFields::label).toArray());
                        }
                        Csv.row(out, fields.stream().map(f -> f.of(e)).toArray());
                        break;
                    }
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
                    if (array == null) {
                        array = JsonOut.array(out);
                    }
                    array.add(e);
                    if (flushEach) {
                        array.flush();
                    }
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

    private void tableRow(RecordedEvent e) {
        List<EventFields> columns = fields != null ? fields : EventFields.TABLE;
        if (table == null) {
            table = newTable(columns, flushEach ? 1 : 200);
        }
        Object[] cells = new Object[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = columns.get(i).of(e);
        }
        table.row(cells);
    }

    private Table newTable(List<EventFields> columns, int sample) {
        String[] headers = new String[columns.size()];
        int[] widths = new int[columns.size()];
        Palette.Role[] roles = new Palette.Role[columns.size()];
        for (int i = 0; i < headers.length; i++) {
            EventFields f = columns.get(i);
            headers[i] = f.header;
            widths[i] = f.width;
            roles[i] = f.role;
        }
        return new Table(out, headers, widths, sample).colors(palette, roles);
    }

    /** One field per line, each event under a rule naming its position: for wide events. */
    private void vertical(RecordedEvent e) {
        int width = 0;
        for (EventFields f : fields) {
            width = Math.max(width, f.label.length());
        }
        String title = "-[ " + e.position() + " ]";
        out.println(palette.paint(Palette.Role.MUTED, title + "-".repeat(Math.max(3, 40 - title.length()))));
        for (EventFields f : fields) {
            Object v = f.of(e);
            String text = v == null ? "" : Text.printable(v.toString(), 1_000_000);
            out.println(String.format("%-" + width + "s", f.label) + "  "
                    + (f.role == null ? text : palette.paint(f.role, text)));
        }
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
        } else if (format == OutputFormat.TABLE && first && !vertical) {
            newTable(fields != null ? fields : EventFields.TABLE, 200).close();
        } else if (format == OutputFormat.CSV && first && fields != null) {
            Csv.row(out, fields.stream().map(EventFields::label).toArray());
        }
        if (format == OutputFormat.JSON) {
            (array != null ? array : JsonOut.array(out)).close();
        }
        out.flush();
    }
}
