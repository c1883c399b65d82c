package dev.eventscope.cli.render;

import java.util.Locale;

/** Figures for people: byte sizes, durations, rates and counts. */
public final class Humanize {

    private Humanize() {}

    /** {@code 1536} -> {@code 1.5 KiB}; below 1 KiB in bytes. */
    public static String bytes(long n) {
        if (Math.abs(n) < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Seconds as the two largest units: {@code 0.25 s}, {@code 3 min 20 s}, {@code 14 d 2 h}, {@code 12 y 40 d}. */
    public static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "-";
        }
        String sign = s < 0 ? "-" : "";
        double a = Math.abs(s);
        if (a < 60) {
            return sign
                    + (a < 10 && a != Math.rint(a) ? String.format(Locale.ROOT, "%.3f s", a) : Math.round(a) + " s");
        }
        long t = Math.round(a);
        long[] sizes = {365L * 86_400, 86_400, 3_600, 60, 1};
        String[] names = {"y", "d", "h", "min", "s"};
        for (int i = 0; i < sizes.length - 1; i++) {
            if (t >= sizes[i]) {
                long big = t / sizes[i];
                long small = (t % sizes[i]) / sizes[i + 1];
                return sign + big + " " + names[i] + (small == 0 ? "" : " " + small + " " + names[i + 1]);
            }
        }
        return sign + t + " s";
    }

    /** A rate: {@code 12.5/s}. */
    public static String rate(double perSecond) {
        if (perSecond == Math.rint(perSecond)) {
            return String.format(Locale.ROOT, "%d/s", (long) perSecond);
        }
        return String.format(Locale.ROOT, perSecond < 10 ? "%.3f/s" : "%.1f/s", perSecond);
    }

    /** A count with thousands separators: {@code 8,577}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
