package dev.eventscope.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes results as Markdown, to stdout and to {@code bench/out/results/RUN.md}: the machine once,
 * then one table per figure with medians, rates and the ratio to the yardstick.
 */
final class Report {

    private final Bench bench;
    private final Path file;

    Report(Bench bench, String stamp) {
        this.bench = bench;
        this.file = bench.results.resolve(stamp + "-" + bench.size + ".md");
    }

    Path file() {
        return file;
    }

    void machine() {
        String memory = firstLine(List.of("sh", "-c", "grep MemTotal /proc/meminfo"));
        String disk = firstLine(List.of("sh", "-c", "df -h " + bench.work + " | tail -1"));
        String text = "## Run of " + file.getFileName() + "\n\n"
                + "- machine: " + firstLine(List.of("nproc")) + " cores ("
                + firstLine(List.of("sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"))
                        .strip() + "), "
                + memory.replaceAll("\\s+", " ") + "\n"
                + "- java: " + firstLine(List.of(Bench.javaCommand(), "-version")) + "\n"
                + "- sqlite3 CLI: " + firstLine(List.of("sqlite3", "--version")) + "\n"
                + "- disk: " + disk.replaceAll("\\s+", " ") + "\n"
                + "- load average at start: " + Timer.load() + "\n\n";
        emit(text);
    }

    void figure(Harness.Measured m) {
        Figure f = m.figure();
        Timer.Sample[][] s = m.samples();
        int runs = s[0].length;
        StringBuilder b = new StringBuilder();
        b.append("### ").append(f.name()).append(": ").append(f.title()).append("\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%d runs per contender, interleaved; load average %s before, %s after."
                        + " Commands and output: %s\n\n",
                runs,
                m.loadBefore(),
                m.loadAfter(),
                bench.repo.relativize(m.log())));
        b.append("| contender | wall (median) | wall range | CPU (median) | peak RSS (median) |"
                + (f.events() > 0 ? " events/s (wall) |" : "") + " wall ratio | CPU ratio |\n");
        b.append("|---|---|---|---|---|" + (f.events() > 0 ? "---|" : "") + "---|---|\n");
        for (int c = 0; c < s.length; c++) {
            double[] wall = new double[runs];
            double[] cpu = new double[runs];
            double[] rss = new double[runs];
            double[] wallRatio = new double[runs];
            double[] cpuRatio = new double[runs];
            double min = Double.MAX_VALUE;
            double max = 0;
            for (int r = 0; r < runs; r++) {
                wall[r] = s[c][r].wallSeconds();
                cpu[r] = s[c][r].cpuSeconds();
                rss[r] = s[c][r].peakRssKb();
                min = Math.min(min, wall[r]);
                max = Math.max(max, wall[r]);
                if (s.length > 1) {
                    // Eventscope against this contender, paired by round
                    wallRatio[r] = s[0][r].wallSeconds() / (f.scale() * wall[r]);
                    cpuRatio[r] = s[0][r].cpuSeconds() / (f.scale() * Math.max(cpu[r], 0.001));
                }
            }
            double wallMedian = Harness.median(wall);
            b.append("| ").append(f.contenders().get(c).label());
            b.append(String.format(
                    Locale.ROOT,
                    " | %s | %s–%s | %s | %.0f MB |",
                    seconds(wallMedian),
                    seconds(min),
                    seconds(max),
                    seconds(Harness.median(cpu)),
                    Harness.median(rss) / 1024));
            if (f.events() > 0) {
                b.append(String.format(Locale.ROOT, " %,.0f |", f.events() / wallMedian));
            }
            if (c == 0 || s.length == 1) {
                b.append(" — | — |\n");
            } else {
                double[] sorted = wallRatio.clone();
                java.util.Arrays.sort(sorted);
                b.append(String.format(
                        Locale.ROOT,
                        " **%.2f×** (%.2f–%.2f) | %.2f× |\n",
                        Harness.median(wallRatio),
                        sorted[0],
                        sorted[sorted.length - 1],
                        Harness.median(cpuRatio)));
            }
        }
        b.append("\nRatios are Eventscope's time over the contender's"
                + (f.scale() != 1 ? String.format(Locale.ROOT, " times %.0f", f.scale()) : "")
                + ", per round, then the median: below 1 means Eventscope is faster.\n\n");
        emit(b.toString());
    }

    void text(String text) {
        emit(text);
    }

    private void emit(String text) {
        System.out.print(text);
        System.out.flush();
        Harness.append(file, text);
    }

    private static String seconds(double s) {
        return s < 10 ? String.format(Locale.ROOT, "%.3f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                p.waitFor();
                return line == null ? "?" : line.strip();
            }
        } catch (Exception e) {
            return "?";
        }
    }
}
