package dev.eventscope.bench;

import dev.eventscope.bench.jmh.Operations;
import dev.eventscope.bench.jmh.StoreBench;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The in-process figures: JMH runs every operation of {@link Operations} through Eventscope's
 * store and through plain JDBC on the same base store, and the report gives their ratio.
 */
final class InProcess {

    private InProcess() {}

    static void run(Bench bench, Report report, String[] operations) throws Exception {
        Path base = bench.evsBase();
        Properties sample = bench.sample();
        String load = Timer.load();
        Options options = new OptionsBuilder()
                .include(StoreBench.class.getName())
                .param("db", base.toString())
                .param("snapshotDb", bench.snapshotStore().toString())
                .param("model", bench.model().toString())
                .param("correlationId", sample.getProperty("correlationId"))
                .param("hotAggregateType", sample.getProperty("hotAggregateType"))
                .param("hotAggregateId", sample.getProperty("hotAggregateId"))
                .param("operation", operations)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-XX:+UseSerialGC", "-Xss8m")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult r : results) {
            String op = r.getParams().getParam("operation");
            String side = r.getParams().getBenchmark().endsWith("eventscope") ? "eventscope" : "raw";
            double[] pair = scores.computeIfAbsent(op, k -> new double[4]);
            int at = side.equals("eventscope") ? 0 : 2;
            pair[at] = r.getPrimaryResult().getScore();
            pair[at + 1] = r.getPrimaryResult().getScoreError();
        }
        StringBuilder b = new StringBuilder(
                "### inprocess: JMH, average time per operation on the base store of " + bench.events + " events\n\n");
        b.append("Fork 1, 3 × 2 s warm-up, 5 × 2 s measurement; load average ")
                .append(load)
                .append(" before, ")
                .append(Timer.load())
                .append(" after.\n\n");
        b.append("| operation | eventscope | raw JDBC | ratio |\n|---|---|---|---|\n");
        for (String op : operations) {
            double[] p = scores.get(op);
            if (p == null) {
                continue;
            }
            b.append(String.format(
                    Locale.ROOT,
                    "| %s — %s | %.3f ± %.3f ms | %.3f ± %.3f ms | **%.2f×** |\n",
                    op,
                    Operations.describe(op),
                    p[0],
                    p[1],
                    p[2],
                    p[3],
                    p[0] / p[2]));
        }
        b.append("\n");
        report.text(b.toString());
    }
}
