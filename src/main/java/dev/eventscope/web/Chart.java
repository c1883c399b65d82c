package dev.eventscope.web;

import dev.eventscope.event.Times;
import java.time.Duration;
import java.time.Instant;

/**
 * Bar charts of counts per time bucket, drawn on the server as SVG (no script, no library): one bar
 * per bucket scaled to the largest, a base line, and for short series a tooltip per bar. The figures
 * are also given as text beside the chart for those who do not see it.
 */
final class Chart {

    private Chart() {}

    /**
     * {@code counts} (oldest first) of buckets of {@code bucket} ending at {@code end}, as an SVG
     * {@code width} units wide that scales to its box.
     *
     * @param label what the chart shows, for screen readers
     */
    static Html.Safe bars(String id, long[] counts, Instant end, Duration bucket, String label) {
        long max = 1;
        long total = 0;
        int peak = 0;
        for (int i = 0; i < counts.length; i++) {
            total += counts[i];
            if (counts[i] > counts[peak]) {
                peak = i;
            }
            max = Math.max(max, counts[i]);
        }
        int n = counts.length;
        int height = 100;
        Html h = new Html(n * 120 + 512);
        h.add(
                "<figure class=\"chart\" id=\"{}\"><svg class=\"bars\" viewBox=\"0 0 {} {}\" preserveAspectRatio=\"none\""
                        + " role=\"img\" aria-label=\"{}\">",
                id,
                n,
                height + 1,
                label + ": " + total + " events; busiest minute " + counts[peak]);
        boolean titles = n <= 120;
        for (int i = 0; i < n; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double bar = Math.max(1.5, counts[i] * (double) height / max);
            String y = fmt(height - bar);
            Instant from = end.minus(bucket.multipliedBy(n - i));
            if (titles) {
                h.add(
                        "<rect x=\"{}\" y=\"{}\" width=\"0.8\" height=\"{}\"><title>{}: {} events</title></rect>",
                        i,
                        y,
                        fmt(bar),
                        Times.format(from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                        counts[i]);
            } else {
                // a day has 1,440 minutes in a box some 600 pixels wide: a bar one minute wide would be
                // under a pixel and vanish, so it is drawn at least 1/120 of the width, ending at its minute
                int w = Math.max(1, n / 120);
                h.add("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", Math.max(0, i + 1 - w), y, w, fmt(bar));
            }
        }
        h.add("<line class=\"base\" x1=\"0\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", height + 0.5, n, height + 0.5);
        h.add(
                "</svg><figcaption><span>{} ago</span><span class=\"r-muted\">busiest minute {}, {} in all</span>"
                        + "<span>now</span></figcaption></figure>",
                span(bucket.multipliedBy(n)),
                counts[peak],
                total);
        return h.safe();
    }

    private static String span(Duration d) {
        long m = d.toMinutes();
        if (m % 1_440 == 0) {
            return m / 1_440 + (m == 1_440 ? " day" : " days");
        }
        return m % 60 == 0 ? m / 60 + " h" : m + " min";
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
