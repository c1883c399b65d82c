package dev.eventscope.cli.render;

import dev.eventscope.event.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for people, streamed: the first rows fix the column widths. A column with a
 * maximum width holds free text (types, payloads, errors): later rows are cut to its width. A column
 * without one holds values of a known form (times, positions, counts, ids), which are never cut: a
 * later value wider than the first rows' is printed whole, pushing the rest of its line to the
 * right. Cells have control characters escaped, so nothing in the data can drive the terminal.
 * Columns named with a leading {@code >} are right-aligned.
 */
public final class Table implements AutoCloseable {

    private static final int SAMPLE = 200;

    private final int sample;
    private final PrintWriter out;
    private final String[] headers;
    private final boolean[] right;
    private final int[] maxWidths;
    private final List<String[]> pending = new ArrayList<>();
    private int[] widths;
    private long rows;
    private String indent = "";
    private Palette palette = Palette.PLAIN;
    private Palette.Role[] roles = new Palette.Role[0];

    /**
     * @param maxWidths the widest each column may be (0: no limit, and the column is never cut)
     */
    public Table(PrintWriter out, String[] headers, int[] maxWidths) {
        this(out, headers, maxWidths, SAMPLE);
    }

    /**
     * @param sample how many rows fix the widths before anything prints (1 for live output, where
     *     the widths are then the maximum widths)
     */
    public Table(PrintWriter out, String[] headers, int[] maxWidths, int sample) {
        this.sample = sample;
        this.out = out;
        this.headers = new String[headers.length];
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            this.headers[i] = right[i] ? headers[i].substring(1) : headers[i];
        }
        this.maxWidths = maxWidths.clone();
    }

    /** Starts every line with {@code indent}. */
    public Table indent(String indent) {
        this.indent = indent;
        return this;
    }

    /**
     * Colours the header and, per column, the cells ({@code roles[i]} for column i; null or a
     * missing entry: no colour). Widths are measured on the plain text.
     */
    public Table colors(Palette palette, Palette.Role... roles) {
        this.palette = palette;
        this.roles = roles.clone();
        return this;
    }

    public void row(Object... cells) {
        String[] row = new String[headers.length];
        for (int i = 0; i < row.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            row[i] = c == null ? "" : Text.printable(c.toString(), maxWidths[i] > 0 ? maxWidths[i] + 4 : 10_000);
        }
        rows++;
        if (widths == null) {
            pending.add(row);
            if (pending.size() >= sample) {
                fixWidths();
            }
        } else {
            print(row, false);
        }
    }

    public long rows() {
        return rows;
    }

    private void fixWidths() {
        widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = Cells.width(headers[i]);
        }
        for (String[] row : pending) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], Cells.width(row[i]));
            }
        }
        for (int i = 0; i < headers.length; i++) {
            if (maxWidths[i] > 0 && sample == 1) {
                widths[i] = Math.max(maxWidths[i], Cells.width(headers[i]));
            } else if (maxWidths[i] > 0) {
                widths[i] = Math.min(widths[i], Math.max(maxWidths[i], Cells.width(headers[i])));
            }
        }
        print(headers, true);
        for (String[] row : pending) {
            print(row, false);
        }
        pending.clear();
    }

    private void print(String[] row, boolean header) {
        StringBuilder line = new StringBuilder(indent);
        int end = row.length;
        while (end > 1 && row[end - 1].isEmpty()) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            String plain = maxWidths[i] > 0 ? Cells.fit(row[i], widths[i]) : row[i];
            int pad = Math.max(0, widths[i] - Cells.width(plain));
            boolean last = i == end - 1;
            Palette.Role role = header ? Palette.Role.HEADING : i < roles.length ? roles[i] : null;
            String cell = role == null ? plain : palette.paint(role, plain);
            if (right[i]) {
                line.append(" ".repeat(pad)).append(cell);
            } else {
                line.append(cell);
                if (!last) {
                    line.append(" ".repeat(pad));
                }
            }
            if (!last) {
                line.append("  ");
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** Prints what is still held back; a table with no rows prints its header only. */
    @Override
    public void close() {
        if (widths == null) {
            fixWidths();
        }
        out.flush();
    }
}
