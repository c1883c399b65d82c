package dev.eventscope.bench;

import dev.eventscope.bench.Figure.Contender;
import dev.eventscope.bench.jmh.Operations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the figures of docs/PERFORMANCE.md. Started by {@code bench/run}, from the repository root:
 *
 * <pre>
 *   Harness [--size 1m] [--runs 5] [--warmup 1] FIGURE...     whole-process figures (see Figures)
 *   Harness [--size 1m] inprocess                              JMH figures (see InProcess)
 *   Harness [--size 1m] inprocess=state,stream                 some of them
 *   Harness [--size 1m] memory                                 import, export, replay with -Xmx256m, once
 *   Harness dist-sizes                                         sizes of the forms in target/dist
 *   Harness [--size 1m] ui | ui-permits | pg-ui                the web console (see ConsoleBench)
 *   Harness list
 * </pre>
 *
 * Whole-process figures run every contender in turns (Eventscope, yardstick, …; the order reversed
 * every other round, so a drift in the machine's load hits both alike), after warm-up runs that are
 * not counted. Each figure reports medians and the median of the per-round ratios, and the load
 * average before and after: the machine is shared, so only ratios from the same run mean much.
 */
public final class Harness {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private Harness() {}

    public static void main(String[] args) throws Exception {
        String size = "1m";
        int runs = 5;
        int warmup = 1;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> names.add(args[i]);
            }
        }
        Bench bench = new Bench(Path.of("").toAbsolutePath(), size);
        Map<String, Supplier<Figure>> figures = Figures.all(bench);
        if (names.isEmpty() || names.contains("list")) {
            System.out.println(
                    "figures: " + String.join(" ", figures.keySet()) + " inprocess memory dist-sizes ui ui-permits pg-ui");
            return;
        }
        Report report = new Report(bench, STAMP.format(LocalDateTime.now()));
        report.machine();
        for (String name : names) {
            if (name.equals("inprocess")) {
                InProcess.run(bench, report, Operations.names());
            } else if (name.startsWith("inprocess=")) {
                InProcess.run(
                        bench, report, name.substring("inprocess=".length()).split(","));
            } else if (name.equals("ui")) {
                ConsoleBench.run(bench, report, ConsoleBench.large(bench), runs, warmup);
            } else if (name.equals("ui-permits")) {
                ConsoleBench.run(bench, report, ConsoleBench.permits(bench), runs, warmup);
            } else if (name.equals("pg-ui")) {
                ConsoleBench.run(bench, report, ConsoleBench.largeOnPostgres(bench), runs, warmup);
            } else if (name.equals("pg-follow")) {
                report.text(PgFigures.followLatency(bench));
            } else if (name.equals("dist-sizes")) {
                report.text(bench.dist().sizes());
            } else if (name.equals("memory")) {
                report.figure(measure(Memory.importFigure(bench), 1, 0, bench));
                report.figure(measure(Memory.exportFigure(bench), 1, 0, bench));
                report.figure(measure(Memory.replayFigure(bench), 1, 0, bench));
            } else if (figures.containsKey(name)) {
                report.figure(measure(figures.get(name).get(), runs, warmup, bench));
            } else {
                throw new IllegalArgumentException("no figure " + name + "; known: " + figures.keySet());
            }
        }
        say("results in " + report.file());
    }

    /** The samples of one figure: {@code samples[contender][run]}. */
    record Measured(Figure figure, Timer.Sample[][] samples, String loadBefore, String loadAfter, Path log) {}

    static Measured measure(Figure figure, int runs, int warmup, Bench bench) throws Exception {
        List<Contender> contenders = figure.contenders();
        Path log = bench.logs.resolve(figure.name() + ".log");
        Files.deleteIfExists(log);
        String loadBefore = Timer.load();
        say(figure.name() + ": " + figure.title() + " (load " + loadBefore + ")");
        for (int w = 0; w < warmup; w++) {
            for (Contender c : contenders) {
                c.setup().run();
                Timer.Sample s = Timer.run(c.command(), c.env(), c.stdout(), log);
                say(String.format(
                        Locale.ROOT,
                        "  warm-up %-26s %8.2f s wall %8.2f s cpu",
                        c.label(),
                        s.wallSeconds(),
                        s.cpuSeconds()));
            }
        }
        Timer.Sample[][] samples = new Timer.Sample[contenders.size()][runs];
        for (int r = 0; r < runs; r++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < contenders.size(); i++) {
                order.add(i);
            }
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (int i : order) {
                Contender c = contenders.get(i);
                c.setup().run();
                samples[i][r] = Timer.run(c.command(), c.env(), c.stdout(), log);
                say(String.format(
                        Locale.ROOT,
                        "  run %d %-28s %8.2f s wall %8.2f s cpu %8d KB  (load %s)",
                        r + 1,
                        c.label(),
                        samples[i][r].wallSeconds(),
                        samples[i][r].cpuSeconds(),
                        samples[i][r].peakRssKb(),
                        Timer.load()));
            }
        }
        return new Measured(figure, samples, loadBefore, Timer.load(), log);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static void say(String line) {
        System.err.println(line);
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
