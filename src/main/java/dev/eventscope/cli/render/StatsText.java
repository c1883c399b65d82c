package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Text;
import dev.eventscope.stats.StatsFigures;
import dev.eventscope.stats.StatsReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code evs stats} (and {@code top}) for people, rendered from each section's JSON so a new
 * section needs no renderer of its own: scalars become "label value" lines formatted by the key's
 * unit suffix ({@code ...Bytes}, {@code ...Seconds}, {@code ...PerSecond}), objects indent, arrays
 * of numbers become sparklines, and arrays of objects become tables.
 */
public final class StatsText {

    private final PrintWriter out;
    private final Palette palette;
    private final int width;

    /**
     * @param width the widest a line may be (sparklines and tables fit into it)
     */
    public StatsText(PrintWriter out, Palette palette, int width) {
        this.out = out;
        this.palette = palette;
        this.width = Math.max(40, width);
    }

    public void print(StatsReport report) {
        boolean first = true;
        for (StatsFigures s : report.sections()) {
            if (!first) {
                out.println();
            }
            first = false;
            section(s);
        }
        out.flush();
    }

    public void section(StatsFigures s) {
        out.println(palette.paint(Palette.Role.HEADING, Text.printable(s.title(), 200)));
        object(s.json(), "  ");
    }

    private void object(JsonNode o, String indent) {
        int labelWidth = 0;
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            labelWidth = Math.max(labelWidth, label(it.next()).length());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode v = f.getValue();
            String label = String.format("%-" + labelWidth + "s", label(key));
            if (v.isObject()) {
                if (v.isEmpty()) {
                    out.println(indent + label + "  " + palette.paint(Palette.Role.MUTED, "(none)"));
                } else {
                    out.println(indent + label(key));
                    object(v, indent + "  ");
                }
            } else if (v.isArray() && !v.isEmpty() && v.get(0).isNumber()) {
                long[] values = new long[v.size()];
                long max = 0;
                for (int i = 0; i < values.length; i++) {
                    values[i] = v.get(i).asLong();
                    max = Math.max(max, values[i]);
                }
                int room = Math.max(10, width - indent.length() - label.length() - 16);
                out.println(indent + label + "  " + palette.paint(Palette.Role.ACCENT, "▕" + Sparkline.of(values, room))
                        + "▏ max " + value(key, v.get(0).isIntegralNumber() ? null : v.get(0), max));
            } else if (v.isArray()) {
                if (v.isEmpty()) {
                    out.println(indent + label + "  " + palette.paint(Palette.Role.MUTED, "(none)"));
                } else {
                    table(v, indent);
                }
            } else {
                out.println(indent + label + "  " + value(key, v, 0));
            }
        }
    }

    private void table(JsonNode rows, String indent) {
        List<String> keys = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(keys::add);
        String[] headers = new String[keys.size()];
        Palette.Role[] roles = new Palette.Role[keys.size()];
        int[] widths = new int[keys.size()];
        for (int i = 0; i < headers.length; i++) {
            String k = keys.get(i);
            boolean numeric = rows.get(0).path(k).isNumber();
            headers[i] = (numeric ? ">" : "") + upperSnake(k);
            roles[i] = role(k);
            widths[i] = numeric ? 0 : 40;
        }
        try (Table table = new Table(out, headers, widths).indent(indent).colors(palette, roles)) {
            for (JsonNode row : rows) {
                Object[] cells = new Object[keys.size()];
                for (int i = 0; i < cells.length; i++) {
                    JsonNode v = row.path(keys.get(i));
                    cells[i] = v.isMissingNode() || v.isNull() ? "" : cell(keys.get(i), v);
                }
                table.row(cells);
            }
        }
    }

    private static Palette.Role role(String key) {
        if (key.equals("eventType")) {
            return Palette.Role.EVENT_TYPE;
        }
        if (key.startsWith("aggregate")) {
            return Palette.Role.AGGREGATE;
        }
        if (key.equals("position")) {
            return Palette.Role.POSITION;
        }
        return null;
    }

    /** A table cell: as {@link #value}, but sizes without the exact byte count. */
    private String cell(String key, JsonNode v) {
        if (unit(key) == Unit.BYTES) {
            return Humanize.bytes(v.asLong());
        }
        return Text.printable(v.isTextual() ? v.asText() : value(key, v, 0), 200);
    }

    private enum Unit {
        BYTES,
        SECONDS,
        PER_SECOND,
        NONE
    }

    private static Unit unit(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        if (k.endsWith("bytes")) {
            return Unit.BYTES;
        }
        if (k.endsWith("persecond")) {
            return Unit.PER_SECOND;
        }
        if (k.endsWith("seconds")) {
            return Unit.SECONDS;
        }
        return Unit.NONE;
    }

    /** A value formatted by its key's unit suffix; {@code fallback} when {@code v} is null. */
    private String value(String key, JsonNode v, long fallback) {
        if (v != null && v.isNull()) {
            return palette.paint(Palette.Role.MUTED, "-");
        }
        if (v != null && v.isTextual()) {
            String text = Text.printable(v.asText(), 200);
            boolean time = key.endsWith("At") || key.endsWith("Timestamp") || key.equals("start");
            return time ? palette.paint(Palette.Role.TIME, text) : text;
        }
        double d = v == null ? fallback : v.asDouble();
        long n = v == null ? fallback : v.asLong();
        switch (unit(key)) {
            case BYTES:
                return n < 1024 ? n + " B" : Humanize.bytes(n) + " (" + Humanize.count(n) + ")";
            case SECONDS:
                return Humanize.seconds(d);
            case PER_SECOND:
                return Humanize.rate(d);
            default:
                break;
        }
        if (v != null && !v.isIntegralNumber()) {
            return v.asText();
        }
        return Humanize.count(n);
    }

    /**
     * {@code lastMinutePerSecond} -> {@code last minute}: words from camel case, without the unit
     * suffix the value shows anyway (a key that is only a unit, such as {@code perSecond}, keeps it).
     */
    static String label(String key) {
        String bare = key.replaceFirst("(PerSecond|Seconds|Bytes)$", "");
        return words(bare.isEmpty() ? key : bare);
    }

    private static String words(String key) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                s.append(' ').append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    private static String upperSnake(String key) {
        return words(key).replace(' ', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
