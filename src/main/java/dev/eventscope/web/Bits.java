package dev.eventscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Instant;
import java.util.Locale;

/**
 * The small pieces every page shows the same way, in the terminal's vocabulary and colours
 * ({@code r-*} classes: the roles of the CLI's palette): event types, streams, positions, times,
 * JSON Patches, figures.
 */
final class Bits {

    private Bits() {}

    static Html.Safe type(String eventType) {
        return new Html()
                .add("<span class=\"r-type\">{}</span>", Html.clip(eventType, Html.CELL))
                .safe();
    }

    /** A stream, linked to its page. */
    static Html.Safe stream(StreamId s) {
        return new Html()
                .add(
                        "<a class=\"r-aggregate\" href=\"{}\">{}</a>",
                        streamUrl(s.aggregateType(), s.aggregateId()),
                        Html.clip(s.toString(), Html.CELL))
                .safe();
    }

    static String streamUrl(String type, String id) {
        return Url.of("/stream").param("type", type).param("id", id).toString();
    }

    /** A position, linked to the event's page. */
    static Html.Safe position(long p) {
        return new Html()
                .add(
                        "<a class=\"r-position\" href=\"{}\">{}</a>",
                        Url.of("/event").param("id", p),
                        p)
                .safe();
    }

    static String eventUrl(RecordedEvent e) {
        return Url.of("/event").param("id", e.position()).toString();
    }

    static Html.Safe time(Instant t) {
        if (t == null) {
            return new Html().add("<span class=\"r-muted\">-</span>").safe();
        }
        String s = Times.format(t);
        return new Html()
                .add("<time class=\"r-time\" datetime=\"{}\">{}</time>", s, s)
                .safe();
    }

    static Html.Safe muted(String text) {
        return new Html().add("<span class=\"r-muted\">{}</span>", text).safe();
    }

    /** A whole number with thin grouping, as the terminal's tables print it. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A JSON Patch for people, as the terminal prints it: {@code + path: value} added, {@code -
     * path: value} removed, {@code ~ path: old -> new} changed, or {@code (no change)}.
     *
     * @param from the document the patch applies to (for the old values)
     */
    static Html.Safe patch(JsonNode patch, JsonNode from) {
        Html h = new Html();
        if (patch == null || patch.isEmpty()) {
            return h.add("<span class=\"r-muted\">(no change)</span>").safe();
        }
        h.add("<ul class=\"patch\">");
        for (JsonNode op : patch) {
            String path = op.path("path").asText();
            String shown = path.isEmpty() ? "(whole state)" : path;
            switch (op.path("op").asText()) {
                case "add" ->
                    h.add(
                            "<li class=\"r-added\"><span class=\"op\">+</span> {}: {}</li>",
                            Html.clip(shown, Html.CELL),
                            JsonHtml.inline(op.get("value"), 200));
                case "remove" ->
                    h.add(
                            "<li class=\"r-removed\"><span class=\"op\">-</span> {}: {}</li>",
                            Html.clip(shown, Html.CELL),
                            JsonHtml.inline(from == null ? null : from.at(path), 200));
                default ->
                    h.add(
                            "<li class=\"r-changed\"><span class=\"op\">~</span> {}: {} -&gt; {}</li>",
                            Html.clip(shown, Html.CELL),
                            JsonHtml.inline(from == null ? null : from.at(path), 200),
                            JsonHtml.inline(op.get("value"), 200));
            }
        }
        return h.add("</ul>").safe();
    }

    /** A duration in seconds for people: {@code 850 ms}, {@code 12.5 s}, {@code 4 min 10 s}, {@code 3 h 2 min}, {@code 2 d 4 h}. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        double s = Math.abs(seconds);
        String sign = seconds < 0 ? "-" : "";
        if (s < 1) {
            return sign + Math.round(s * 1000) + " ms";
        }
        if (s < 60) {
            return sign + String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        if (whole < 3_600) {
            return sign + whole / 60 + " min " + whole % 60 + " s";
        }
        if (whole < 86_400) {
            return sign + whole / 3_600 + " h " + whole % 3_600 / 60 + " min";
        }
        return sign + whole / 86_400 + " d " + whole % 86_400 / 3_600 + " h";
    }

    /** One row of a definition list. */
    static void row(Html h, String label, Object value) {
        h.add("<dt>{}</dt><dd>{}</dd>", label, value);
    }
}
