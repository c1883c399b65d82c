package dev.eventscope.trace.draw;

import dev.eventscope.event.Xml;
import dev.eventscope.trace.Trace;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link TraceDrawing} as SVG: a standalone document ({@code evs trace ID -o svg}), or the
 * {@code <svg>} element alone, for a page that embeds it ({@link TraceHtml}, the web console).
 * Everything from the log is escaped ({@link Xml#escape}), so the document is well-formed XML
 * whatever the events hold; it loads nothing (no script, no external reference). Colours and
 * lines are presentation attributes, so any SVG reader draws it the same; every element also has a
 * class ({@code evs-event}, {@code evs-critical}, …) for a page to restyle.
 */
public final class TraceSvg {

    static final int LEGEND_WIDTH = 720;
    static final int LEGEND_HEIGHT = 28;

    private static final String FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

    private TraceSvg() {}

    /** {@code trace} drawn as a standalone SVG document. */
    public static String document(Trace trace) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(TraceDrawing.of(trace));
    }

    /** The {@code <svg>} element of a drawing, for embedding in a page. */
    public static String element(TraceDrawing d) {
        return element(d, b -> null);
    }

    /**
     * The {@code <svg>} element of a drawing, each box for which {@code links} gives an address (not
     * null) inside a link to it ({@code <a class="evs-link">}, named by the box's text; its title,
     * the detail, is the tooltip): the web console's drawing, linked as it is written rather than by
     * a script after it is drawn.
     */
    public static String element(TraceDrawing d, Function<TraceDrawing.Box, String> links) {
        StringBuilder s = new StringBuilder(4096 + d.boxes().size() * 700);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"evs-trace\" width=\"")
                .append(d.width())
                .append("\" height=\"")
                .append(d.height())
                .append("\" viewBox=\"0 0 ")
                .append(d.width())
                .append(' ')
                .append(d.height())
                .append("\" font-family=\"")
                .append(Xml.escape(FONT))
                .append("\" font-size=\"12\">\n");
        s.append("<title>").append(Xml.escape(d.title())).append("</title>\n");
        s.append("<defs>\n");
        marker(s, "evs-arrow", "#555555");
        marker(s, "evs-arrow-critical", "#d9730d");
        marker(s, "evs-arrow-cycle", "#c62828");
        marker(s, "evs-arrow-muted", "#9e9e9e");
        s.append("</defs>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        int y = TraceDrawing.MARGIN + 14;
        s.append("<text class=\"evs-title\" x=\"")
                .append(TraceDrawing.MARGIN)
                .append("\" y=\"")
                .append(y)
                .append("\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">")
                .append(Xml.escape(d.title()))
                .append("</text>\n");
        for (int i = 0; i < d.notes().size(); i++) {
            y += TraceDrawing.TITLE_HEIGHT;
            boolean problem = i > 0;
            s.append("<text class=\"evs-note")
                    .append(problem ? " evs-problem" : "")
                    .append("\" x=\"")
                    .append(TraceDrawing.MARGIN)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" fill=\"")
                    .append(problem ? "#c62828" : "#444444")
                    .append("\">")
                    .append(Xml.escape(d.notes().get(i)))
                    .append("</text>\n");
        }
        s.append("<g class=\"evs-arrows\" fill=\"none\">\n");
        for (TraceDrawing.Arrow a : d.arrows()) {
            arrow(s, a);
        }
        s.append("</g>\n<g class=\"evs-boxes\">\n");
        for (TraceDrawing.Box b : d.boxes()) {
            String href = links.apply(b);
            if (href != null) {
                s.append("<a class=\"evs-link\" href=\"")
                        .append(Xml.escape(href))
                        .append("\">");
            }
            box(s, b);
            if (href != null) {
                s.append("</a>\n");
            }
        }
        s.append("</g>\n");
        legend(s, d.height() - TraceDrawing.MARGIN - 6);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void marker(StringBuilder s, String id, String colour) {
        s.append("<marker id=\"")
                .append(id)
                .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                        + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(colour)
                .append("\"/></marker>\n");
    }

    private static void arrow(StringBuilder s, TraceDrawing.Arrow a) {
        String colour;
        String width = "1.2";
        String dash = null;
        String marker = "evs-arrow";
        String cls;
        switch (a.line()) {
            case CRITICAL:
                colour = "#d9730d";
                width = "3";
                marker = "evs-arrow-critical";
                cls = "evs-critical";
                break;
            case CYCLE:
                colour = "#c62828";
                width = "2";
                marker = "evs-arrow-cycle";
                cls = "evs-cycle";
                break;
            case FROM_CAUSE:
                colour = "#555555";
                dash = "5 3";
                cls = "evs-from-cause";
                break;
            case OUTSIDE:
                colour = "#9e9e9e";
                dash = "2 3";
                marker = "evs-arrow-muted";
                cls = "evs-outside";
                break;
            default:
                colour = "#555555";
                cls = "evs-caused";
        }
        s.append("<path class=\"evs-arrow ")
                .append(cls)
                .append("\" data-from=\"")
                .append(a.from())
                .append("\" data-to=\"")
                .append(a.to())
                .append("\" d=\"")
                .append(path(a))
                .append("\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"")
                .append(width)
                .append('"');
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        s.append(" marker-end=\"url(#").append(marker).append(")\"/>\n");
        if (a.label() != null) {
            s.append("<text class=\"evs-delay ")
                    .append(cls)
                    .append("\" x=\"")
                    .append(a.labelAt().x())
                    .append("\" y=\"")
                    .append(a.labelAt().y())
                    .append("\" font-size=\"11\" fill=\"")
                    .append(
                            a.line() == TraceDrawing.Line.CRITICAL
                                    ? "#b35900"
                                    : colour.equals("#555555") ? "#333333" : colour)
                    .append("\" stroke=\"none\">")
                    .append(Xml.escape(a.label()))
                    .append("</text>\n");
        }
    }

    private static String path(TraceDrawing.Arrow a) {
        List<TraceDrawing.Point> p = a.points();
        StringBuilder d = new StringBuilder("M")
                .append(p.get(0).x())
                .append(',')
                .append(p.get(0).y());
        if (a.curved()) {
            d.append(" C");
            for (int i = 1; i < p.size(); i++) {
                d.append(' ').append(p.get(i).x()).append(',').append(p.get(i).y());
            }
        } else {
            for (int i = 1; i < p.size(); i++) {
                d.append(" L").append(p.get(i).x()).append(',').append(p.get(i).y());
            }
        }
        return d.toString();
    }

    private static void box(StringBuilder s, TraceDrawing.Box b) {
        String fill = "#ffffff";
        String stroke = "#555555";
        String width = "1.2";
        String dash = null;
        String rounded = "6";
        switch (b.look()) {
            case ENTRY:
                stroke = "#1f5fbf";
                width = "2.5";
                break;
            case COMMAND:
            case NO_CAUSE:
                fill = "#f3f3f3";
                stroke = "#777777";
                dash = "5 3";
                rounded = "16";
                break;
            case MISSING:
                fill = "#fdecea";
                stroke = "#c62828";
                width = "2";
                dash = "5 3";
                rounded = "16";
                break;
            case CYCLE:
                fill = "#fdecea";
                stroke = "#c62828";
                width = "2";
                rounded = "16";
                break;
            case OUTSIDE_CAUSE:
            case OUTSIDE_EFFECT:
                fill = "#fafafa";
                stroke = "#9e9e9e";
                dash = "2 3";
                break;
            case UNREACHABLE:
                fill = "#fff8d6";
                stroke = "#b08800";
                break;
            default:
                break;
        }
        String muted = b.look() == TraceDrawing.Look.OUTSIDE_CAUSE || b.look() == TraceDrawing.Look.OUTSIDE_EFFECT
                ? "#666666"
                : b.look() == TraceDrawing.Look.MISSING || b.look() == TraceDrawing.Look.CYCLE ? "#b71c1c" : "#222222";
        s.append("<g class=\"evs-box evs-")
                .append(b.look().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .append("\" id=\"evs-")
                .append(b.id())
                .append("\">\n<title>")
                .append(Xml.escape(b.detail()))
                .append("</title>\n<rect x=\"")
                .append(b.x())
                .append("\" y=\"")
                .append(b.y())
                .append("\" width=\"")
                .append(b.width())
                .append("\" height=\"")
                .append(b.height())
                .append("\" rx=\"")
                .append(rounded)
                .append("\" fill=\"")
                .append(fill)
                .append("\" stroke=\"")
                .append(stroke)
                .append("\" stroke-width=\"")
                .append(width)
                .append('"');
        if (dash != null) {
            s.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        s.append("/>\n");
        int y = b.y() + TraceDrawing.PAD + 11;
        for (int i = 0; i < b.lines().size(); i++) {
            s.append("<text x=\"")
                    .append(b.x() + TraceDrawing.PAD)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" fill=\"")
                    .append(i == 0 ? muted : "#444444")
                    .append('"')
                    .append(i == 0 ? " font-weight=\"bold\"" : "")
                    .append('>')
                    .append(Xml.escape(b.lines().get(i)))
                    .append("</text>\n");
            y += TraceDrawing.LINE_HEIGHT;
        }
        s.append("</g>\n");
    }

    /** What the lines mean, in one row at the bottom. */
    private static void legend(StringBuilder s, int y) {
        String[][] items = {
            {"caused", "#555555", "1.2", ""},
            {"critical path", "#d9730d", "3", ""},
            {"from a cause", "#555555", "1.2", "5 3"},
            {"outside the trace", "#9e9e9e", "1.2", "2 3"},
            {"cycle, broken link", "#c62828", "2", ""}
        };
        int x = TraceDrawing.MARGIN;
        s.append("<g class=\"evs-legend\" font-size=\"11\">\n");
        for (String[] item : items) {
            s.append("<line x1=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(y - 4)
                    .append("\" x2=\"")
                    .append(x + 24)
                    .append("\" y2=\"")
                    .append(y - 4)
                    .append("\" stroke=\"")
                    .append(item[1])
                    .append("\" stroke-width=\"")
                    .append(item[2])
                    .append('"')
                    .append(item[3].isEmpty() ? "" : " stroke-dasharray=\"" + item[3] + "\"")
                    .append("/>\n<text x=\"")
                    .append(x + 30)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" fill=\"#444444\">")
                    .append(item[0])
                    .append("</text>\n");
            x += 30 + TraceDrawing.textWidth(item[0]) * 11 / 12 + 22;
        }
        s.append("</g>\n");
    }
}
