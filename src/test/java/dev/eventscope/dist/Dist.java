package dev.eventscope.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The distribution the end-to-end tests install: built once per test JVM by {@code scripts/dist}
 * from the jar and man pages the build just made, unless {@code -Pdist} built it already in the
 * package phase (failsafe then passes {@code eventscope.dist.prebuilt=true}). The build's output goes
 * to {@code target/dist-build.log}.
 */
record Dist(Path repo, String version, Path dir) {

    private static Dist built;

    static synchronized Dist get() {
        if (built == null) {
            Path repo = Path.of(System.getProperty("eventscope.basedir", ".")).toAbsolutePath();
            String version = System.getProperty("eventscope.version");
            assertThat(version).as("eventscope.version (set by failsafe)").isNotBlank();
            if (!Boolean.getBoolean("eventscope.dist.prebuilt")) {
                build(repo, version);
            }
            built = new Dist(repo, version, repo.resolve("target/dist"));
        }
        return built;
    }

    private static void build(Path repo, String version) {
        Path log = repo.resolve("target/dist-build.log");
        List<String> command = List.of("sh", "scripts/dist", "--jdk", System.getProperty("java.home"), version);
        try {
            Process p = new ProcessBuilder(command)
                    .directory(repo.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("scripts/dist timed out; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("scripts/dist failed (exit " + p.exitValue() + "):\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code eventscope-VERSION}: the archives' folder and file names. */
    String name() {
        return "eventscope-" + version;
    }

    Path tarball() {
        return dir.resolve(name() + ".tar.gz");
    }

    Path zip() {
        return dir.resolve(name() + ".zip");
    }

    /** {@code eventscope-VERSION-linux-x64}: the self-contained image's name. */
    String imageName() {
        String arch = System.getProperty("os.arch");
        return name() + "-linux-" + (arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch);
    }

    Path imageTarball() {
        return dir.resolve(imageName() + ".tar.gz");
    }

    /** The modules jdeps named for the jar, as the dist build recorded them. */
    List<String> jdepsModules() {
        try {
            return List.of(Files.readString(repo.resolve("target/dist-work/" + imageName() + "-modules.txt"))
                    .strip()
                    .split(","));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path deb() {
        try (var files = Files.list(dir)) {
            List<Path> debs = files.filter(p -> p.toString().endsWith(".deb")).toList();
            assertThat(debs).as("the .deb in " + dir).hasSize(1);
            return debs.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code evs --version} prints for this build: the version and the commit the repository is
     * at (12 hex digits), its date, and a note if tracked files had changes when the jar was built.
     */
    Pattern versionLine() {
        String head = Run.in(repo, Path.of(System.getProperty("user.home")), System.getenv("PATH"))
                .ok("git", "rev-parse", "HEAD")
                .strip();
        return Pattern.compile("eventscope " + Pattern.quote(version) + " \\(commit " + head.substring(0, 12)
                + ", \\d{4}-\\d\\d-\\d\\d(, with local changes)?\\)\n");
    }

    /** The latest schema version of a store: the number of migrations the jar carries. */
    static int latestSchema() {
        try (var in = Dist.class.getResourceAsStream("/dev/eventscope/store/sqlite/migrations/index.txt")) {
            assertThat(in).as("migrations/index.txt on the class path").isNotNull();
            return (int) new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
