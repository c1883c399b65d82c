package dev.eventscope.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.event.Text;
import java.io.PrintWriter;

/**
 * A JSON Patch for people: one line per operation, {@code +} added, {@code -} removed, {@code ~}
 * changed with the old and the new value, coloured as the palette's added, removed and changed when colour is on.
 */
public final class PatchView {

    private PatchView() {}

    /** Prints {@code patch} (taking {@code from} to its target), indented by {@code indent}. */
    public static void print(PrintWriter out, JsonNode patch, JsonNode from, String indent, boolean color) {
        if (patch.isEmpty()) {
            out.println(indent + "(no change)");
            return;
        }
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            String shown = path.isEmpty() ? "(whole state)" : path;
            switch (op.path("op").asText()) {
                case "add":
                    line(out, indent, color, Palette.Role.ADDED, "+ " + shown + ": " + value(op.get("value")));
                    break;
                case "remove":
                    line(out, indent, color, Palette.Role.REMOVED, "- " + shown + ": " + value(from.at(path)));
                    break;
                default:
                    line(
                            out,
                            indent,
                            color,
                            Palette.Role.CHANGED,
                            "~ " + shown + ": " + value(from.at(path)) + " -> " + value(op.get("value")));
                    break;
            }
        }
    }

    /** A compact one-line summary of a patch, for timelines: {@code status="PAID", +items, -note}. */
    public static String summary(JsonNode patch) {
        StringBuilder s = new StringBuilder();
        for (JsonNode op : patch) {
            if (s.length() > 0) {
                s.append(", ");
            }
            String path = op.path("path").asText();
            String name = path.isEmpty() ? "(state)" : path.substring(1).replace('/', '.');
            switch (op.path("op").asText()) {
                case "remove":
                    s.append('-').append(name);
                    break;
                case "add":
                    s.append('+').append(name).append('=').append(value(op.get("value")));
                    break;
                default:
                    s.append(name).append('=').append(value(op.get("value")));
                    break;
            }
        }
        return s.length() == 0 ? "(no change)" : s.toString();
    }

    private static String value(JsonNode v) {
        return v == null || v.isMissingNode() ? "(none)" : Text.printable(Json.write(v), 200);
    }

    private static void line(PrintWriter out, String indent, boolean color, Palette.Role role, String text) {
        out.println(indent + Palette.of(color).paint(role, text));
    }
}
