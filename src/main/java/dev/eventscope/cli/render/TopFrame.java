package dev.eventscope.cli.render;

import dev.eventscope.event.Times;
import dev.eventscope.stats.StatsReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One screen of {@code evs top}: a title line, the sparkline of events per second over the last
 * seconds, then the figures of {@code stats}, cut to the screen. Pure: the same figures give the
 * same lines, so it is tested without a terminal.
 */
public final class TopFrame {

    private TopFrame() {}

    /**
     * The lines of one frame (with colour codes when {@code palette} is on), at most
     * {@code height} lines; lines may be wider than {@code width} (the display cuts them).
     *
     * @param perSecond events recorded in each of the last seconds, oldest first
     */
    public static List<String> lines(
            String store, StatsReport report, long[] perSecond, int width, int height, Palette palette) {
        List<String> lines = new ArrayList<>();
        lines.add(palette.paint(Palette.Role.HEADING, "evs top")
                + "  " + palette.paint(Palette.Role.AGGREGATE, store)
                + "  "
                + palette.paint(Palette.Role.TIME, Times.format(report.at()).replaceFirst("\\.\\d+Z$", "Z"))
                + "  head " + palette.paint(Palette.Role.POSITION, Humanize.count(report.head()))
                + palette.paint(Palette.Role.MUTED, "   q quits"));
        long now = perSecond.length == 0 ? 0 : perSecond[perSecond.length - 1];
        long max = 0;
        long sum = 0;
        for (long v : perSecond) {
            max = Math.max(max, v);
            sum += v;
        }
        lines.add("events/s "
                + palette.paint(Palette.Role.ACCENT, "▕" + Sparkline.of(perSecond, Math.max(10, width - 40)) + "▏")
                + " now " + Humanize.count(now) + "  max " + Humanize.count(max) + "  avg "
                + Humanize.rate(perSecond.length == 0 ? 0 : Math.round(sum * 10.0 / perSecond.length) / 10.0));
        lines.add("");
        StringWriter text = new StringWriter();
        new StatsText(new PrintWriter(text), palette, width).print(report);
        for (String line : text.toString().split("\n", -1)) {
            lines.add(line);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines.size() > height ? new ArrayList<>(lines.subList(0, Math.max(1, height))) : lines;
    }
}
