package dev.eventscope.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times one process: wall time from this JVM's monotonic clock, CPU time (user + system) and peak
 * resident memory from {@code /usr/bin/time}. stdout goes to a file or /dev/null, stderr to a log.
 */
final class Timer {

    /** One measured run. */
    record Sample(double wallSeconds, double cpuSeconds, long peakRssKb) {}

    private static final Path TIME = Path.of("/usr/bin/time");

    private Timer() {}

    static Sample run(List<String> command, Map<String, String> env, Path stdout, Path log)
            throws IOException, InterruptedException {
        Path times = Files.createTempFile("bench-time-", ".txt");
        try {
            List<String> full = new ArrayList<>();
            full.add(TIME.toString());
            full.add("-f");
            full.add("%U %S %M");
            full.add("-o");
            full.add(times.toString());
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full);
            pb.environment().putAll(env);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(
                    stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
            pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            long t0 = System.nanoTime();
            Process p = pb.start();
            int code = p.waitFor();
            double wall = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("exit " + code + " from " + String.join(" ", command) + "; see " + log);
            }
            String[] parts =
                    lastLine(Files.readString(times, StandardCharsets.UTF_8)).split(" ");
            double cpu = Double.parseDouble(parts[0]) + Double.parseDouble(parts[1]);
            return new Sample(wall, cpu, Long.parseLong(parts[2]));
        } finally {
            Files.deleteIfExists(times);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    /** The 1-, 5- and 15-minute load averages, as the kernel reports them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
