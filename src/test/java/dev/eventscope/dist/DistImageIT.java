package dev.eventscope.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained image {@code eventscope-VERSION-linux-ARCH.tar.gz}: extracted into an empty
 * folder on a machine as if it had no Java at all (no {@code JAVA_HOME}, no {@code java} on the
 * PATH, which holds only the few tools the launcher uses).
 */
class DistImageIT {

    /** What {@code bin/evs} runs besides java: POSIX tools every system has. */
    static final List<String> LAUNCHER_TOOLS =
            List.of("sh", "cksum", "cut", "readlink", "dirname", "mkdir", "mkfifo", "mv", "rm", "cat", "stty");

    static Dist dist;

    @BeforeAll
    static void build() {
        dist = Dist.get();
    }

    @Test
    void without_any_java_it_prints_its_version_imports_the_orders_sample_and_answers_state(@TempDir Path tmp)
            throws Exception {
        // given
        Path image = install(tmp.resolve("opt"));
        Path evs = image.resolve("bin/evs");
        Path samples = image.resolve("share/eventscope/samples/orders");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Run user = Run.in(work, home, noJava(tmp).toString());

        // when
        Run.Result java = user.run("sh", "-c", "command -v java || echo none; echo \"JAVA_HOME=${JAVA_HOME:-}\"");
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
        assertThat(java.out()).isEqualTo("none\nJAVA_HOME=\n");
        assertThat(version.code()).as(version.toString()).isZero();
        assertThat(version.out()).matches(dist.versionLine());
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(imported.out() + imported.err()).contains("imported 418 events");
        assertThat(state.code()).as(state.toString()).isZero();
        assertThat(state.out())
                .startsWith("{\"aggregateType\":\"Order\",\"aggregateId\":\"order-0007\",\"version\":2,"
                        + "\"position\":45,\"cut\":{\"position\":418},\"state\":{\"status\":\"SHIPPED\"");
        // the launcher recorded its class-data archive on the image's runtime (which needs the
        // runtime's own default archive, made by jlink)
        assertThat(DistArchiveIT.classDataArchives(home)).hasSize(1);
        assertThat(image.resolve("runtime/lib/server/classes.jsa")).isRegularFile();
    }

    @Test
    void its_runtime_holds_the_modules_jdeps_named_and_what_they_require_and_nothing_else(@TempDir Path tmp)
            throws Exception {
        // given
        Path image = install(tmp);

        // when
        String listed = Run.in(tmp, tmp, noJava(tmp).toString())
                .ok(image.resolve("runtime/bin/java").toString(), "--list-modules");

        // then
        Set<String> modules =
                listed.lines().map(l -> l.replaceFirst("@.*", "")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(dist.jdepsModules()).contains("java.base", "java.sql");
        assertThat(modules).isEqualTo(closure(dist.jdepsModules()));
        assertThat(image.resolve("runtime/jmods")).doesNotExist();
        assertThat(image.resolve("runtime/include")).doesNotExist();
    }

    /** The image extracted into {@code dir}; returns its folder. */
    static Path install(Path dir) throws IOException {
        Files.createDirectories(dir);
        Run.in(dir, dir, System.getenv("PATH"))
                .ok("tar", "-xzf", dist.imageTarball().toString());
        return dir.resolve(dist.imageName());
    }

    /** A folder for PATH with only the launcher's tools in it: no java. */
    static Path noJava(Path tmp) throws IOException {
        Path bin = tmp.resolve("bin-without-java");
        if (Files.isDirectory(bin)) {
            return bin;
        }
        Files.createDirectories(bin);
        Run sh = Run.in(tmp, tmp, System.getenv("PATH"));
        for (String tool : LAUNCHER_TOOLS) {
            String where = sh.ok("sh", "-c", "command -v " + tool).strip();
            Files.createSymbolicLink(bin.resolve(tool), Path.of(where));
        }
        return bin;
    }

    /** The modules and every module they require, as jlink resolves them in the JDK that built the image. */
    static Set<String> closure(List<String> roots) {
        ModuleFinder jdk = ModuleFinder.ofSystem();
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            ModuleDescriptor d = jdk.find(name)
                    .orElseThrow(() -> new AssertionError("no module " + name))
                    .descriptor();
            for (ModuleDescriptor.Requires r : d.requires()) {
                if (!r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
                    todo.push(r.name());
                }
            }
        }
        return seen;
    }
}
