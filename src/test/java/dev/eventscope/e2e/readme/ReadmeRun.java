package dev.eventscope.e2e.readme;

import dev.eventscope.e2e.Evs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a Markdown document's runnable blocks in order, as a user who follows it would, and lists
 * every way the tool did not do what the document says.
 *
 * <p>The user's machine is a scratch directory: {@code eventscope/} holds a copy of the repository's
 * {@code samples/} and {@code scripts/} with the jar under test as {@code target/eventscope.jar}, and
 * {@code shared/data} beside it holds the real logs, as on a clone beside the project's shared data.
 * Commands start in {@code eventscope/} with {@code scripts/} on the {@code PATH} (so {@code evs} is
 * {@code scripts/evs}, as the README says), {@code NO_COLOR=1} (as the README's output is shown),
 * and a home directory of their own.
 */
final class ReadmeRun {

    /** How long one command may take before the run fails (an import of the permit log takes ~10 s). */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path scratch;
    private final Path cache;
    private final List<String> log = new ArrayList<>();

    /**
     * @param scratch an empty directory
     * @param cache where {@code scripts/evs} keeps its class-data archive, shared by every run of the suite
     */
    ReadmeRun(Path scratch, Path cache) {
        this.scratch = scratch;
        this.cache = cache;
    }

    /** The repository copy the commands run in. */
    Path repo() {
        return scratch.resolve("eventscope");
    }

    /** What each command did, for the test's report. */
    List<String> log() {
        return log;
    }

    /**
     * Runs {@code document} (a Markdown file) and returns the problems found: a command that exited
     * otherwise than the document implies, output other than the document shows, a block that shows
     * a command but is neither run nor marked as an illustration. Empty when the document is true.
     */
    List<String> run(Path document) {
        prepare();
        String text = read(document);
        List<String> problems = new ArrayList<>();
        List<Steps.Step> steps = new ArrayList<>();
        for (Markdown.Block block : Markdown.blocks(text)) {
            if (block.unmarkedCommand()) {
                problems.add("line " + block.line() + ": a '" + block.info()
                        + "' block shows a command but is not run: make it 'sh' or 'console', or mark it"
                        + " <!-- not run: why -->");
            }
            try {
                steps.addAll(Steps.of(block));
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        if (steps.isEmpty()) {
            problems.add("no runnable block");
        }
        Instant start = Instant.now();
        try (BashSession bash = new BashSession(repo(), environment(), scratch.resolve("io"))) {
            for (int s = 0; s < steps.size(); s++) {
                Steps.Step step = steps.get(s);
                long began = System.nanoTime();
                BashSession.Ran ran = bash.run(step.command(), TIMEOUT);
                long millis = (System.nanoTime() - began) / 1_000_000;
                log.add("line " + step.line() + ": $ " + step.command() + "\n  exit " + ran.exitCode() + " (" + millis
                        + " ms)"
                        + (ran.output().isEmpty()
                                ? ""
                                : "\n  " + ran.output().strip().replace("\n", "\n  ")));
                // a command exits 0 unless the next one shows its exit code
                boolean codeShown = s + 1 < steps.size() && steps.get(s + 1).echoesExitCode();
                if (!codeShown && ran.exitCode() != 0) {
                    problems.add(report(step, "exited " + ran.exitCode() + " where the document implies 0", ran));
                }
                if (step.shown() != null) {
                    List<String> actual = ran.output().lines().toList();
                    String difference =
                            ShownOutput.difference(step.shown(), actual, new ShownOutput.Window(start, Instant.now()));
                    if (difference != null) {
                        problems.add(report(
                                step,
                                "printed other than shown (" + difference + ")\n--- shown\n"
                                        + String.join("\n", step.shown()) + "\n--- printed",
                                ran));
                    }
                }
            }
        }
        return problems;
    }

    private static String report(Steps.Step step, String what, BashSession.Ran ran) {
        String output = ran.output();
        if (output.length() > 6_000) {
            output = output.substring(0, 6_000) + "\n...";
        }
        return "line " + step.line() + ": $ " + step.command() + "\n" + what + "\n" + output.stripTrailing();
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        Path java = Path.of(System.getProperty("java.home"));
        env.put("PATH", repo().resolve("scripts") + ":" + java.resolve("bin") + ":" + System.getenv("PATH"));
        env.put("JAVA_HOME", java.toString());
        env.put("HOME", scratch.resolve("home").toString());
        env.put("EVENTSCOPE_CACHE", cache.toString());
        env.put("NO_COLOR", "1");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        return env;
    }

    private void prepare() {
        Path base = Evs.baseDir();
        Path data = Evs.dataDir();
        for (String log : List.of("receipt.ndjson", "roadtraffic.ndjson")) {
            if (!Files.isRegularFile(data.resolve(log))) {
                throw new AssertionError("the real log " + data.resolve(log) + " is not there: the README imports it"
                        + " from ../shared/data beside the repository (pass -Deventscope.data=DIR when it is"
                        + " elsewhere)");
            }
        }
        try {
            Files.createDirectories(scratch.resolve("home"));
            Files.createDirectories(scratch.resolve("shared"));
            Files.createSymbolicLink(scratch.resolve("shared/data"), data.toAbsolutePath());
            copy(base.resolve("samples"), repo().resolve("samples"));
            copy(base.resolve("scripts"), repo().resolve("scripts"));
            Files.createDirectories(repo().resolve("target"));
            Files.createSymbolicLink(repo().resolve("target/eventscope.jar"), Evs.jar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
