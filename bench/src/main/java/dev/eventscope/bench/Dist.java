package dev.eventscope.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The three installable forms of target/dist (scripts/dist, ADR 0140), installed under
 * {@code bench/out/dist/} the way a user would: the archive and the self-contained image extracted,
 * the Debian package's files unpacked by {@code dpkg-deb -x} (its {@code usr/bin/evs} is the same
 * symbolic link {@code dpkg -i} makes, so nothing is installed on the machine). Re-done when the
 * distribution changes (its SHA256SUMS differs from the one installed).
 */
final class Dist {

    private static final String ARCHIVE = "eventscope-(?!.*-linux-).*\\.tar\\.gz";
    private static final String IMAGE = "eventscope-.*-linux-.*\\.tar\\.gz";

    private final Bench bench;
    private final Path source;
    private final Path installed;

    Dist(Bench bench) {
        this.bench = bench;
        this.source = bench.repo.resolve("target/dist");
        this.installed = bench.repo.resolve("bench/out/dist");
    }

    /** {@code bin/evs} of the archive (started with the machine's Java). */
    Path archiveLauncher() {
        return install().resolve("archive").resolve(only(source, ARCHIVE, ".tar.gz") + "/bin/evs");
    }

    /** {@code bin/evs} of the self-contained image (its own runtime). */
    Path imageLauncher() {
        return install().resolve("image").resolve(only(source, IMAGE, ".tar.gz") + "/bin/evs");
    }

    /** {@code usr/bin/evs} of the Debian package: the link to its {@code /usr/lib/eventscope/bin/evs}. */
    Path debLauncher() {
        return install().resolve("deb/usr/bin/evs");
    }

    /** The files of target/dist that a user downloads, with their sizes, and the installed sizes. */
    String sizes() {
        install();
        StringBuilder b = new StringBuilder("### dist-sizes: what each form weighs\n\n"
                + "| form | file | download | installed |\n|---|---|---|---|\n");
        row(b, "archive (needs a Java 17)", only(source, ARCHIVE, ""), installed.resolve("archive"));
        row(b, "archive, zip", only(source, "eventscope-.*\\.zip", ""), installed.resolve("archive"));
        row(b, "self-contained image", only(source, IMAGE, ""), installed.resolve("image"));
        row(b, "Debian package", only(source, "eventscope_.*\\.deb", ""), installed.resolve("deb"));
        return b.append('\n').toString();
    }

    private void row(StringBuilder b, String form, String file, Path tree) {
        try {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | `%s` | %.1f MB | %.1f MB |\n",
                    form,
                    file,
                    Files.size(source.resolve(file)) / 1e6,
                    treeSize(tree) / 1e6));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long treeSize(Path tree) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    private Path install() {
        Path sums = source.resolve("SHA256SUMS");
        if (!Files.exists(sums)) {
            throw new IllegalStateException("no " + sums + ": build it with './mvnw -B package -Pdist' (bench/run"
                    + " does when a dist figure is asked for)");
        }
        try {
            Path done = installed.resolve("SHA256SUMS");
            if (Files.exists(done) && Files.readString(done).equals(Files.readString(sums))) {
                return installed;
            }
            Harness.say("installing target/dist into " + installed + " (once per build)");
            bench.exec(List.of("rm", "-rf", installed.toString()));
            Files.createDirectories(installed.resolve("archive"));
            Files.createDirectories(installed.resolve("image"));
            Files.createDirectories(installed.resolve("deb"));
            bench.exec(List.of(
                    "tar",
                    "-xzf",
                    source.resolve(only(source, ARCHIVE, "")).toString(),
                    "-C",
                    installed.resolve("archive").toString()));
            bench.exec(List.of(
                    "tar",
                    "-xzf",
                    source.resolve(only(source, IMAGE, "")).toString(),
                    "-C",
                    installed.resolve("image").toString()));
            bench.exec(List.of(
                    "dpkg-deb",
                    "-x",
                    source.resolve(only(source, "eventscope_.*\\.deb", "")).toString(),
                    installed.resolve("deb").toString()));
            Files.copy(sums, done);
            return installed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one file in {@code dir} whose name matches {@code regex}: its name without {@code suffix}. */
    private static String only(Path dir, String regex, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches(regex))
                    .toList();
            if (names.size() != 1) {
                throw new IllegalStateException("expected one file like " + regex + " in " + dir + ", found " + names);
            }
            String name = names.get(0);
            return name.substring(0, name.length() - suffix.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
