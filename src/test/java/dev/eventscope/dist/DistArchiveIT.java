package dev.eventscope.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code eventscope-VERSION.tar.gz} (and its zip twin), installed as a user would:
 * extracted into an empty folder and started through its {@code bin/evs}, with the machine's Java.
 */
class DistArchiveIT {

    /** The head of the store that the older build wrote (see dist/README.md in the test resources). */
    static final String OLD_HEAD = "419:9b2dd321f242fcb1b90cbcdbfc9b5a81e72188ee2cb64c5725ba485ae831fd6d";

    static Dist dist;

    @BeforeAll
    static void build() {
        dist = Dist.get();
    }

    @Test
    void the_checksums_name_every_artifact_and_match() {
        // when
        Run.Result r = Run.in(dist.dir(), dist.dir(), System.getenv("PATH")).run("sha256sum", "-c", "SHA256SUMS");

        // then
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList())
                .containsExactlyInAnyOrder(
                        dist.name() + ".tar.gz: OK",
                        dist.name() + ".zip: OK",
                        dist.imageName() + ".tar.gz: OK",
                        dist.deb().getFileName() + ": OK");
    }

    @Test
    void the_tarball_and_the_zip_hold_the_same_files_and_the_launcher_is_executable_in_both() throws Exception {
        // given
        Run sh = Run.in(dist.dir(), dist.dir(), System.getenv("PATH"));

        // when
        List<String> tar =
                sh.ok("tar", "-tzf", dist.tarball().toString()).lines().toList();
        List<String> tarModes =
                sh.ok("tar", "-tvzf", dist.tarball().toString()).lines().toList();
        List<String> zip;
        try (ZipFile z = new ZipFile(dist.zip().toFile())) {
            zip = z.stream().map(ZipEntry::getName).toList();
        }
        String zipModes = sh.ok("unzip", "-Z", dist.zip().toString());

        // then
        String top = dist.name() + "/";
        assertThat(Set.copyOf(zip)).isEqualTo(Set.copyOf(tar));
        assertThat(tar)
                .contains(
                        top + "bin/evs",
                        top + "lib/eventscope.jar",
                        top + "LICENSE",
                        top + "INSTALL",
                        top + "share/man/man1/evs.1",
                        top + "share/man/man1/evs-events.1",
                        top + "share/bash-completion/completions/evs",
                        top + "share/zsh/site-functions/_evs",
                        top + "share/eventscope/samples/orders/events.ndjson",
                        top + "share/eventscope/samples/orders/eventscope.yaml");
        assertThat(tar.stream().filter(e -> e.matches(".*/share/man/man1/evs.*\\.1")))
                .hasSize(adocPages());
        assertThat(tarModes).anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(" " + top + "bin/evs"));
        assertThat(zipModes.lines()).anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(" " + top + "bin/evs"));
        assertThat(tar).noneMatch(e -> e.contains("/runtime/"));
    }

    @Test
    void extracted_into_an_empty_folder_it_prints_its_version_imports_the_orders_sample_and_answers_state(
            @TempDir Path tmp) throws Exception {
        // given
        Path home = install(tmp);
        Path evs = home.resolve("bin/evs");
        Path samples = home.resolve("share/eventscope/samples/orders");
        Run user = user(tmp);

        // when
        Run.Result version = user.run(evs.toString(), "--version");
        Run.Result imported = user.run(
                evs.toString(),
                "--db",
                "orders.db",
                "import",
                samples.resolve("events.ndjson").toString());
        Run.Result state = user.run(
                evs.toString(),
                "--db",
                "orders.db",
                "--model",
                samples.resolve("eventscope.yaml").toString(),
                "state",
                "order-0007",
                "-o",
                "ndjson");

        // then
        assertThat(version.code()).as(version.toString()).isZero();
        assertThat(version.out()).matches(dist.versionLine());
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out() + imported.err()).contains("imported 418 events");
        assertThat(state.code()).as(state.toString()).isZero();
        assertThat(state.out())
                .startsWith("{\"aggregateType\":\"Order\",\"aggregateId\":\"order-0007\",\"version\":2,"
                        + "\"position\":45,\"cut\":{\"position\":418},\"state\":{\"status\":\"SHIPPED\"")
                .contains("\"carrier\":\"DPD\"");
        assertThat(classDataArchives(tmp.resolve("home")))
                .as("the launcher's class-data archive")
                .hasSize(1);
    }

    @Test
    void without_any_java_the_archive_says_what_is_missing_and_how_to_get_it(@TempDir Path tmp) throws Exception {
        // given: no JAVA_HOME, and a PATH with only the launcher's tools
        Path home = install(tmp);
        Run user = Run.in(
                tmp,
                Files.createDirectories(tmp.resolve("home")),
                DistImageIT.noJava(tmp).toString());

        // when
        Run.Result r = user.run(home.resolve("bin/evs").toString(), "--version");

        // then
        assertThat(r.code()).isEqualTo(70);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("evs: no Java runtime found: neither JAVA_HOME nor PATH has a java\n"
                        + "hint: install a Java 17 runtime (or newer), or use the self-contained build, which brings its"
                        + " own\n");
    }

    @Test
    void man_finds_the_pages_beside_bin_on_the_path_and_shows_them_as_text(@TempDir Path tmp) throws Exception {
        // given
        Path home = install(tmp);
        Run user = Run.in(tmp, tmp, home.resolve("bin") + ":" + System.getenv("PATH"))
                .with("MANWIDTH", "80");

        // when
        String where = user.ok("man", "-w", "evs");
        String events = user.ok("man", "evs-events");

        // then
        assertThat(where.strip()).isEqualTo(home.resolve("share/man/man1/evs.1").toString());
        assertThat(events)
                .contains("evs-events - List events in position order, filtered.")
                .contains("--aggregate-id=ID")
                .contains("eventscope " + dist.version());
    }

    @Test
    void bash_completes_commands_and_options_from_the_shipped_script(@TempDir Path tmp) throws Exception {
        // given
        Path script = install(tmp).resolve("share/bash-completion/completions/evs");
        String complete = "source '" + script + "'; "
                + "COMP_WORDS=(evs %s); COMP_CWORD=%d; COMP_LINE='evs %s'; COMP_POINT=${#COMP_LINE}; "
                + "_complete_evs evs '%s' '%s' 2>/dev/null; printf '%%s\\n' \"${COMPREPLY[@]}\"";

        // when
        String commands = Run.in(tmp, tmp, System.getenv("PATH"))
                .ok("bash", "-c", String.format(complete, "ver", 1, "ver", "ver", "evs"));
        String options = Run.in(tmp, tmp, System.getenv("PATH"))
                .ok(
                        "bash",
                        "-c",
                        String.format(
                                complete,
                                "events --aggregate-t",
                                2,
                                "events --aggregate-t",
                                "--aggregate-t",
                                "events"));

        // then
        assertThat(commands.lines()).containsExactly("verify");
        assertThat(options.lines()).containsExactly("--aggregate-type");
    }

    @Test
    void a_store_written_by_an_older_version_is_read_and_upgraded_with_its_chain_intact(@TempDir Path tmp)
            throws Exception {
        // given: a store made by the foundation build (schema 9), before snapshots, checkpoints and
        // dead letters had tables
        Path home = install(tmp);
        String evs = home.resolve("bin/evs").toString();
        String model =
                home.resolve("share/eventscope/samples/orders/eventscope.yaml").toString();
        Path db = tmp.resolve("old.db");
        try (InputStream in = new GZIPInputStream(
                DistArchiveIT.class.getResourceAsStream("/dev/eventscope/dist/store-schema-9.db.gz"))) {
            Files.copy(in, db);
        }
        assertThat(schema(db)).isEqualTo(9);
        Run user = user(tmp);

        // when
        Run.Result verified = user.run(evs, "--db", "old.db", "verify", "--expect-head", OLD_HEAD);
        Run.Result events = user.run(evs, "--db", "old.db", "events", "--aggregate-id", "order-0007", "-o", "ndjson");
        Run.Result state = user.run(evs, "--db", "old.db", "--model", model, "state", "order-0007", "-o", "ndjson");
        Run.Result appended = user.run(
                evs,
                "--db",
                "old.db",
                "append",
                "--type",
                "Upgraded",
                "--aggregate-type",
                "Note",
                "--aggregate-id",
                "upgrade-1",
                "--payload",
                "{\"to\":\"" + dist.version() + "\"}");
        Run.Result after = user.run(evs, "--db", "old.db", "verify", "--expect-head", OLD_HEAD);
        Run.Result head = user.run(evs, "--db", "old.db", "head");

        // then
        assertThat(verified.code()).as(verified.toString()).isZero();
        assertThat(verified.out()).contains("419 events, hash chain intact", "(pinned head found)");
        assertThat(events.code()).as(events.toString()).isZero();
        assertThat(events.out().lines()).hasSize(3);
        assertThat(state.code()).as(state.toString()).isZero();
        assertThat(state.out()).contains("\"version\":3,\"position\":419,", "\"carrier\":\"DHL\"");
        assertThat(appended.code()).as(appended.toString()).isZero();
        assertThat(schema(db)).isEqualTo(Dist.latestSchema());
        assertThat(after.code()).as(after.toString()).isZero();
        assertThat(after.out()).contains("420 events, hash chain intact", "(pinned head found)");
        assertThat(head.out()).startsWith("420:");
    }

    @Test
    void each_build_keeps_its_own_class_data_archive_beside_the_others(@TempDir Path tmp) throws Exception {
        // given: this build, and another build (another jar) installed beside it, one user cache
        Path current = install(tmp.resolve("current"));
        Path other = install(tmp.resolve("other"));
        rewriteJar(other.resolve("lib/eventscope.jar"), null, "META-INF/another-build");
        Run user = user(tmp);
        Path home = tmp.resolve("home");

        // when
        user.ok(current.resolve("bin/evs").toString(), "--version");
        List<Path> first = classDataArchives(home);
        FileTime firstTime = Files.getLastModifiedTime(first.get(0));
        user.ok(other.resolve("bin/evs").toString(), "--version");
        user.ok(current.resolve("bin/evs").toString(), "--db", "a.db", "init");
        user.ok(other.resolve("bin/evs").toString(), "--db", "a.db", "streams");

        // then
        assertThat(first).hasSize(1);
        assertThat(classDataArchives(home)).hasSize(2).contains(first.get(0));
        assertThat(Files.getLastModifiedTime(first.get(0))).isEqualTo(firstTime);
    }

    @Test
    void regression_a_build_that_differs_only_inside_one_file_gets_its_own_archive_and_native_library(@TempDir Path tmp)
            throws Exception {
        // given: two builds of the same length whose jars differ in one byte of one file far from
        // the jar's end; the launcher names a jar by its last 1 MiB (ADR 0265), and that must
        // still tell them apart
        Path current = install(tmp.resolve("current"));
        Path other = install(tmp.resolve("other"));
        rewriteJar(current.resolve("lib/eventscope.jar"), null, null);
        rewriteJar(other.resolve("lib/eventscope.jar"), "META-INF/LICENSE", null);
        Run user = user(tmp);
        Path home = tmp.resolve("home");

        // when
        user.ok(current.resolve("bin/evs").toString(), "--db", "a.db", "init");
        user.ok(other.resolve("bin/evs").toString(), "--db", "a.db", "streams");

        // then
        assertThat(Files.size(other.resolve("lib/eventscope.jar")))
                .isEqualTo(Files.size(current.resolve("lib/eventscope.jar")));
        assertThat(Files.mismatch(current.resolve("lib/eventscope.jar"), other.resolve("lib/eventscope.jar")))
                .as("the first difference lies before the last 1 MiB")
                .isLessThan(Files.size(current.resolve("lib/eventscope.jar")) - (1 << 20));
        assertThat(classDataArchives(home)).hasSize(2);
        try (Stream<Path> libraries = Files.list(home.resolve(".cache/eventscope/native"))) {
            assertThat(libraries.filter(Files::isDirectory)).hasSize(2);
        }
    }

    @Test
    void the_jars_central_directory_fits_in_what_the_launcher_reads_to_name_it(@TempDir Path tmp) throws Exception {
        // given: how much of the jar's end the launcher reads (tail -c N) and the jar's zip index
        Path home = install(tmp);
        String launcher = Files.readString(home.resolve("bin/evs"));
        Matcher tail = Pattern.compile("tail -c (\\d+) \"\\$jar\"").matcher(launcher);
        assertThat(tail.find())
                .as("scripts/evs names the jar by 'tail -c N \"$jar\"'")
                .isTrue();
        long window = Long.parseLong(tail.group(1));
        byte[] jar = Files.readAllBytes(home.resolve("lib/eventscope.jar"));

        // when: the end-of-central-directory record (the build writes no zip comment)
        int end = jar.length - 22;
        ByteBuffer eocd = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        int signature = eocd.getInt(end);
        long directorySize = Integer.toUnsignedLong(eocd.getInt(end + 12));
        long directoryOffset = Integer.toUnsignedLong(eocd.getInt(end + 16));

        // then: the whole directory, with the record after it, is inside the window
        assertThat(signature).as("end-of-central-directory signature").isEqualTo(0x06054b50);
        assertThat(directoryOffset + directorySize).isEqualTo(end);
        assertThat(directorySize + 22)
                .as("the jar's central directory must fit in the %d bytes scripts/evs reads; raise it there", window)
                .isLessThanOrEqualTo(window);
    }

    @Test
    void regression_the_same_build_at_two_paths_keeps_one_class_data_archive_each(@TempDir Path tmp) throws Exception {
        // given: the same archive extracted twice (or a checkout beside an installed copy), one user
        // cache; the JVM silently ignores an archive that was made for the jar at another path
        Path first = install(tmp.resolve("first"));
        Path second = install(tmp.resolve("second"));
        Run user = user(tmp);
        Path home = tmp.resolve("home");

        // when
        user.ok(first.resolve("bin/evs").toString(), "--version");
        List<Path> afterFirst = classDataArchives(home);
        user.ok(second.resolve("bin/evs").toString(), "--version");

        // then: the second copy made its own; sharing the first's left it without one
        assertThat(afterFirst).hasSize(1);
        assertThat(classDataArchives(home)).hasSize(2).contains(afterFirst.get(0));
    }

    @Test
    void a_first_start_stopped_by_sigterm_leaves_no_process_behind_and_keeps_its_class_data_archive(@TempDir Path tmp)
            throws Exception {
        // given: no class-data archive yet, so this start records one; a shell reading its input
        Path home = install(tmp);
        Run user = user(tmp);
        Path out = tmp.resolve("shell.out");
        Process shell = user.start(
                out, tmp.resolve("shell.err"), home.resolve("bin/evs").toString(), "shell");
        shell.getOutputStream().write("help\n".getBytes(StandardCharsets.UTF_8));
        shell.getOutputStream().flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("Usage: evs") && System.nanoTime() < deadline) {
            assertThat(shell.isAlive()).as("the shell is running").isTrue();
            Thread.sleep(20);
        }
        List<ProcessHandle> family = new ArrayList<>(shell.descendants().toList());
        family.add(shell.toHandle());

        // when: SIGTERM to the launcher's process, as a service manager or a harness sends it
        shell.destroy();

        // then: the JVM itself got it and ended; nothing the launcher started is left running
        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as("a JVM ended by SIGTERM").isEqualTo(143);
        for (ProcessHandle p : family) {
            assertThat(p.onExit()
                            .completeOnTimeout(p, 10, TimeUnit.SECONDS)
                            .get()
                            .isAlive())
                    .as("%s (%s) still running", p.pid(), p.info().commandLine().orElse("?"))
                    .isFalse();
        }
        assertThat(classDataArchives(tmp.resolve("home"))).hasSize(1);
    }

    // ------------------------------------------------------------------ helpers

    /** The tarball extracted into {@code dir} (empty or new); returns the installed folder. */
    static Path install(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> there = Files.list(dir)) {
            assertThat(there.filter(p -> !p.getFileName().toString().equals("home")))
                    .as("an empty folder")
                    .isEmpty();
        }
        Run.in(dir, dir, System.getenv("PATH")).ok("tar", "-xzf", dist.tarball().toString());
        return dir.resolve(dist.name());
    }

    /** A user of the machine: HOME in {@code dir}, the machine's PATH (and its Java). */
    static Run user(Path dir) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        return Run.in(dir, home, System.getenv("PATH"));
    }

    /**
     * The launcher's class-data archives in the user's cache, once no first start is still being
     * recorded: the launcher moves an archive into place just after its JVM exits, so a test that
     * looks right after a run waits (up to 10 s) for the temporary file and the pipe to go.
     */
    static List<Path> classDataArchives(Path home) throws IOException, InterruptedException {
        Path cache = home.resolve(".cache/eventscope");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cacheFiles(cache, ".tmp", ".exit").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cacheFiles(cache, ".tmp", ".exit"))
                .as("archives still being moved into place")
                .isEmpty();
        return cacheFiles(cache, ".jsa");
    }

    private static List<Path> cacheFiles(Path cache, String... suffixes) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(
                            p -> Stream.of(suffixes).anyMatch(x -> p.toString().endsWith(x)))
                    .sorted()
                    .toList();
        }
    }

    /** The same classes in a new jar, with one more entry: what any other build is to the launcher. */
    /**
     * Writes {@code jar} again, uncompressed, with its entries' names, order and times; the first
     * byte of the entry {@code changed} is flipped and an entry {@code added} is appended (each when
     * not null). Two jars rewritten alike but for one flipped byte have the same length and differ
     * only in that byte and in that entry's CRC-32.
     */
    private static void rewriteJar(Path jar, String changed, String added) throws IOException {
        Path copy = jar.resolveSibling("rewritten.jar");
        try (ZipFile in = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            for (ZipEntry e : in.stream().toList()) {
                ZipEntry entry = new ZipEntry(e.getName());
                entry.setTime(e.getTime());
                out.putNextEntry(entry);
                byte[] data;
                try (InputStream stream = in.getInputStream(e)) {
                    data = stream.readAllBytes();
                }
                if (e.getName().equals(changed)) {
                    data[0] ^= 1;
                }
                out.write(data);
                out.closeEntry();
            }
            if (added != null) {
                out.putNextEntry(new ZipEntry(added));
                out.write("another build\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static int schema(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static int adocPages() throws IOException {
        try (Stream<Path> files = Files.list(dist.repo().resolve("docs/man"))) {
            return (int) files.filter(p -> p.toString().endsWith(".adoc")).count();
        }
    }
}
