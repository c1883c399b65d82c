package dev.eventscope.cli.render;

import java.io.PrintWriter;

/** RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled. */
public final class Csv {

    private Csv() {}

    public static void row(PrintWriter out, Object... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            String s = cells[i] == null ? "" : cells[i].toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }
        line.append("\r\n");
        out.print(line);
    }
}
