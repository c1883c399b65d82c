package dev.eventscope.saga.draw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Durations;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.event.Xml;
import dev.eventscope.saga.SagaStep;
import dev.eventscope.saga.SagaView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One saga instance's timeline as an SVG drawing ({@code evs saga show SAGA ID -o svg}, and the
 * saga instance page of {@code evs ui}, which embeds the same element): the
 * instance's facts at the top, then a row per step in the order it was taken, its time on the
 * left; each step a box (the event taken, or a deadline that passed) with what changed in the
 * state and the deadlines it set or cancelled; what it emitted in boxes to the right, with an
 * arrow each; a dashed curve from the event that set a deadline to where the deadline passed.
 * What {@code process} has not appended yet is drawn dashed, failures red.
 *
 * <p>Everything from the log is escaped ({@link Xml#escape}), so the document is well-formed
 * whatever the events hold; it loads nothing. The layout is a pure function of the instance, for
 * a 12 px monospace font, as the trace drawings (ADR 0152); it draws only what the engine returned
 * (a {@link SagaView} with its timeline), and lives in the core beside {@code trace.draw} so that
 * the terminal and the web console draw the same picture (ADR 0215).
 */
public final class SagaSvg {

    static final int MARGIN = 24;
    static final int LINE = 16;
    static final int PAD = 8;
    static final int ROW_GAP = 22;
    static final int TIME_WIDTH = 196;
    static final int EMIT_GAP = 56;
    static final int MAX_CHARS = 64;
    static final int MAX_STATE_LINES = 5;
    private static final int CHAR_TENTHS = 73;
    private static final String FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace";

    private SagaSvg() {}

    /** A box: its lines, where it is, and how it looks ({@code step}, {@code deadline}, ...). */
    private record Box(String id, String look, List<String> lines, boolean dashed, int x, int y, int w, int h) {}

    /**
     * The drawing of {@code v} (with its timeline) worked out at {@code cut} and {@code now}.
     *
     * @param cut the cut as options, such as {@code --at 2024-01-22T12:00:00Z --position 418}
     */
    public static String document(SagaView v, String cut, Instant now) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(v, cut, now);
    }

    /** The {@code <svg>} element of the drawing of {@link #document}, for embedding in a page. */
    public static String element(SagaView v, String cut, Instant now) {
        List<String> notes = notes(v, cut, now);
        int top = MARGIN + LINE * (1 + notes.size()) + 16;

        // the step boxes' lines first, so that their column has one width
        List<List<String>> stepLines = new ArrayList<>();
        JsonNode before = null;
        for (SagaStep s : v.timeline()) {
            stepLines.add(stepLines(s, before));
            if (s.state() != null && s.kind() == SagaStep.Kind.EVENT) {
                before = s.state();
            }
        }
        int stepX = MARGIN + TIME_WIDTH;
        int stepW = 160;
        for (List<String> lines : stepLines) {
            stepW = Math.max(stepW, widest(lines) + 2 * PAD);
        }
        int emitX = stepX + stepW + EMIT_GAP;

        List<Box> steps = new ArrayList<>();
        List<Box> emitted = new ArrayList<>();
        List<String> arrows = new ArrayList<>();
        Map<Long, Box> byPosition = new HashMap<>();
        int y = top;
        int right = emitX;
        for (int i = 0; i < v.timeline().size(); i++) {
            SagaStep s = v.timeline().get(i);
            List<String> lines = stepLines.get(i);
            String look = look(s);
            Box step = new Box(
                    "s" + i,
                    look,
                    lines,
                    !s.inLog() && s.kind() != SagaStep.Kind.DEADLINE,
                    stepX,
                    y,
                    stepW,
                    height(lines));
            steps.add(step);
            if (s.kind() == SagaStep.Kind.EVENT && s.inLog()) {
                byPosition.putIfAbsent(s.position(), step);
            }
            int ey = y;
            for (int k = 0; k < s.emitted().size(); k++) {
                SagaStep.Emitted e = s.emitted().get(k);
                List<String> el = List.of(
                        cut(e.eventType()),
                        cut(stream(e.stream()) + (e.position() > 0 ? "  #" + e.position() : "  (not in the log)")));
                Box b = new Box(
                        "s" + i + "e" + k,
                        "emitted",
                        el,
                        e.position() == 0,
                        emitX,
                        ey,
                        widest(el) + 2 * PAD,
                        height(el));
                emitted.add(b);
                right = Math.max(right, b.x() + b.w());
                arrows.add(arrow(stepX + stepW, y + 14, emitX, ey + b.h() / 2, "evs-emit", "#555555"));
                ey += b.h() + 8;
            }
            if (i > 0) {
                Box prev = steps.get(i - 1);
                arrows.add(arrow(stepX + 24, prev.y() + prev.h(), stepX + 24, y, "evs-next", "#9e9e9e"));
            }
            if (s.kind() != SagaStep.Kind.EVENT && s.deadline() != null) {
                Box setter = byPosition.get(s.position());
                if (setter != null) {
                    int x0 = stepX;
                    int y0 = setter.y() + setter.h() / 2;
                    int y1 = y + 14;
                    int bulge = Math.min(TIME_WIDTH - 16, 28 + (y1 - y0) / 12);
                    arrows.add("<path class=\"evs-arrow evs-deadline\" d=\"M" + x0 + "," + y0 + " C" + (x0 - bulge)
                            + "," + y0 + " " + (x0 - bulge) + "," + y1 + " " + x0 + "," + y1
                            + "\" fill=\"none\" stroke=\"#d9730d\" stroke-width=\"1.4\" stroke-dasharray=\"5 3\""
                            + " marker-end=\"url(#evs-arrow-deadline)\"/>");
                }
            }
            y = Math.max(y + step.h(), ey - 8) + ROW_GAP;
        }
        int width = Math.max(right, stepX + stepW) + MARGIN;
        for (String n : notes) {
            width = Math.max(width, MARGIN * 2 + textWidth(n));
        }
        int height = y + MARGIN;

        StringBuilder s = new StringBuilder(2048 + 600 * (steps.size() + emitted.size()));
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"evs-saga\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"")
                .append(Xml.escape(FONT))
                .append("\" font-size=\"12\">\n");
        String title = "saga " + v.saga() + ", instance " + v.instanceId() + ": "
                + v.status().label() + ", step " + v.step();
        s.append("<title>").append(Xml.escape(title)).append("</title>\n");
        s.append("<defs>\n");
        marker(s, "evs-arrow", "#555555");
        marker(s, "evs-arrow-muted", "#9e9e9e");
        marker(s, "evs-arrow-deadline", "#d9730d");
        s.append("</defs>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        int ty = MARGIN + 14;
        text(s, "evs-title", MARGIN, ty, "#222222", " font-size=\"14\" font-weight=\"bold\"", title);
        for (String n : notes) {
            ty += LINE;
            boolean why = n.startsWith("why ");
            text(s, why ? "evs-note evs-problem" : "evs-note", MARGIN, ty, why ? "#c62828" : "#444444", "", n);
        }
        s.append("<g class=\"evs-arrows\">\n");
        arrows.forEach(a -> s.append(a).append('\n'));
        s.append("</g>\n<g class=\"evs-times\">\n");
        for (int i = 0; i < steps.size(); i++) {
            text(
                    s,
                    "evs-time",
                    MARGIN,
                    steps.get(i).y() + 14,
                    "#444444",
                    "",
                    Times.format(v.timeline().get(i).time()));
        }
        s.append("</g>\n<g class=\"evs-boxes\">\n");
        for (Box b : steps) {
            box(s, b);
        }
        for (Box b : emitted) {
            box(s, b);
        }
        s.append("</g>\n</svg>\n");
        return s.toString();
    }

    private static List<String> notes(SagaView v, String cut, Instant now) {
        List<String> notes = new ArrayList<>();
        notes.add("at " + cut + ", now " + Times.format(now));
        if (v.startedAt() != null) {
            notes.add("started " + Times.format(v.startedAt()) + " ("
                    + Durations.human(Duration.between(v.startedAt(), now)) + " ago), " + v.events() + " event"
                    + (v.events() == 1 ? "" : "s") + " taken");
        }
        if (v.endedAt() != null) {
            notes.add("ended " + Times.format(v.endedAt()));
        } else if (v.idleSince() != null) {
            notes.add("waiting since " + Times.format(v.idleSince()) + " (" + Durations.human(v.idleFor(now)) + ")");
        }
        if (!v.deadlines().isEmpty()) {
            List<String> d = new ArrayList<>();
            for (SagaView.Deadline x : v.deadlines()) {
                d.add(x.name() + " " + x.status() + " " + Times.format(x.due()));
            }
            notes.add("deadlines " + String.join(", ", d));
        }
        if (v.stuckReason() != null) {
            notes.add("why " + v.stuckReason());
        }
        return notes;
    }

    private static List<String> stepLines(SagaStep s, JsonNode before) {
        List<String> lines = new ArrayList<>();
        if (s.kind() == SagaStep.Kind.DEADLINE || (s.kind() == SagaStep.Kind.FAILED && s.deadline() != null)) {
            lines.add("deadline " + s.deadline() + (s.kind() == SagaStep.Kind.FAILED ? " failed" : " passed"));
            lines.add("set by #" + s.position() + " " + s.eventType());
        } else {
            lines.add((s.inLog() ? "#" + s.position() : "(+)") + " " + s.eventType()
                    + (s.kind() == SagaStep.Kind.EVENT ? "" : "  " + s.kind().label()));
            lines.add(stream(s.stream()));
            if (s.state() != null && s.kind() == SagaStep.Kind.EVENT) {
                List<String> changes = new ArrayList<>();
                if (before == null) {
                    changes.add("state " + Json.write(s.state()));
                } else {
                    for (JsonNode op : JsonPatch.diff(before, s.state())) {
                        String path = op.path("path").asText();
                        switch (op.path("op").asText()) {
                            case "add":
                                changes.add("+ " + path + ": " + Json.write(op.get("value")));
                                break;
                            case "remove":
                                changes.add("- " + path);
                                break;
                            default:
                                changes.add("~ " + path + ": " + Json.write(op.get("value")));
                        }
                    }
                }
                if (changes.size() > MAX_STATE_LINES) {
                    int more = changes.size() - (MAX_STATE_LINES - 1);
                    changes = new ArrayList<>(changes.subList(0, MAX_STATE_LINES - 1));
                    changes.add("… " + more + " more changes");
                }
                lines.addAll(changes);
            }
        }
        for (SagaStep.DeadlineChange c : s.deadlines()) {
            if (c.change() != SagaStep.Change.FIRED && c.change() != SagaStep.Change.FAILED) {
                lines.add("deadline " + c.name() + " " + c.change().label() + ", due " + Times.format(c.due()));
            }
        }
        if (s.error() != null) {
            lines.add("error " + s.error());
        }
        if (s.ended()) {
            lines.add("ended");
        }
        List<String> out = new ArrayList<>(lines.size());
        for (String l : lines) {
            out.add(cut(l));
        }
        return out;
    }

    private static String look(SagaStep s) {
        switch (s.kind()) {
            case DEADLINE:
                return "deadline";
            case FAILED:
                return "failed";
            case PARKED:
                return "parked";
            default:
                return s.ended() ? "ended" : "step";
        }
    }

    private static void box(StringBuilder s, Box b) {
        String fill = "#ffffff";
        String stroke = "#555555";
        String width = "1.2";
        switch (b.look()) {
            case "deadline":
                fill = "#fff4e5";
                stroke = "#d9730d";
                width = "1.6";
                break;
            case "failed":
                fill = "#fdecea";
                stroke = "#c62828";
                width = "2";
                break;
            case "parked":
                fill = "#f3f3f3";
                stroke = "#9e9e9e";
                break;
            case "ended":
                stroke = "#2e7d32";
                width = "2";
                break;
            case "emitted":
                fill = "#eef4fc";
                stroke = "#1f5fbf";
                break;
            default:
        }
        s.append("<g class=\"evs-")
                .append(b.look())
                .append("\" id=\"")
                .append(b.id())
                .append("\">");
        s.append("<rect x=\"")
                .append(b.x())
                .append("\" y=\"")
                .append(b.y())
                .append("\" width=\"")
                .append(b.w())
                .append("\" height=\"")
                .append(b.h())
                .append("\" rx=\"6\" fill=\"")
                .append(fill)
                .append("\" stroke=\"")
                .append(stroke)
                .append("\" stroke-width=\"")
                .append(width)
                .append('"');
        if (b.dashed()) {
            s.append(" stroke-dasharray=\"5 3\"");
        }
        s.append("/>");
        for (int i = 0; i < b.lines().size(); i++) {
            s.append("<text x=\"")
                    .append(b.x() + PAD)
                    .append("\" y=\"")
                    .append(b.y() + PAD + 10 + i * LINE)
                    .append("\" fill=\"")
                    .append(i == 0 ? "#111111" : "#444444")
                    .append('"')
                    .append(i == 0 ? " font-weight=\"bold\"" : "")
                    .append(">")
                    .append(Xml.escape(b.lines().get(i)))
                    .append("</text>");
        }
        s.append("</g>\n");
    }

    private static String arrow(int x0, int y0, int x1, int y1, String cls, String colour) {
        boolean muted = colour.equals("#9e9e9e");
        return "<path class=\"evs-arrow " + cls + "\" d=\"M" + x0 + "," + y0 + " L" + x1 + "," + y1
                + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.2\" marker-end=\"url(#"
                + (muted ? "evs-arrow-muted" : "evs-arrow") + ")\"/>";
    }

    private static void marker(StringBuilder s, String id, String colour) {
        s.append("<marker id=\"")
                .append(id)
                .append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                        + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(colour)
                .append("\"/></marker>\n");
    }

    private static void text(StringBuilder s, String cls, int x, int y, String colour, String extra, String text) {
        s.append("<text class=\"")
                .append(cls)
                .append("\" x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" fill=\"")
                .append(colour)
                .append('"')
                .append(extra)
                .append('>')
                .append(Xml.escape(text))
                .append("</text>\n");
    }

    private static String stream(StreamId s) {
        return s == null ? "" : s.aggregateType() + "/" + s.aggregateId();
    }

    private static int height(List<String> lines) {
        return lines.size() * LINE + 2 * PAD - 2;
    }

    private static int widest(List<String> lines) {
        int w = 0;
        for (String l : lines) {
            w = Math.max(w, textWidth(l));
        }
        return w;
    }

    static int textWidth(String s) {
        return (s.codePointCount(0, s.length()) * CHAR_TENTHS + 9) / 10;
    }

    private static String cut(String line) {
        if (line.codePointCount(0, line.length()) <= MAX_CHARS) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_CHARS - 1)) + "…";
    }
}
