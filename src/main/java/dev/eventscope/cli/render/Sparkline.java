package dev.eventscope.cli.render;

/** A row of block characters whose heights follow a series of counts: ▁▂▃▄▅▆▇█. */
public final class Sparkline {

    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {}

    /**
     * One character per value, scaled to the largest; zero is a space so idle stretches stand out,
     * and any value above zero gets at least the lowest bar. The last {@code width} values when
     * there are more.
     */
    public static String of(long[] values, int width) {
        int from = Math.max(0, values.length - width);
        long max = 0;
        for (int i = from; i < values.length; i++) {
            max = Math.max(max, values[i]);
        }
        StringBuilder s = new StringBuilder(values.length - from);
        for (int i = from; i < values.length; i++) {
            long v = values[i];
            if (v <= 0) {
                s.append(' ');
            } else {
                int level = (int) Math.min(BARS.length - 1, (v * BARS.length - 1) / max);
                s.append(BARS[level]);
            }
        }
        return s.toString();
    }
}
