package dev.eventscope.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package, installed on this machine with {@code dpkg -i} and removed with
 * {@code dpkg -r} (CI runs as root). Installed, {@code evs} is on the PATH with its man pages and
 * completion; removed, nothing of it is left but what the user made: stores and the cache.
 *
 * <p>Other test runs on the same machine may do the same at the same time: a lock file serialises
 * them. A development build left installed by a run killed half-way is removed first; a released
 * package that is already installed stops the test instead of being replaced.
 */
class DebianPackageIT {

    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static Dist dist;

    @BeforeAll
    static void build() {
        dist = Dist.get();
    }

    @Test
    void installs_evs_on_the_path_with_man_pages_and_completion_and_removes_all_but_the_users_files(@TempDir Path tmp)
            throws Exception {
        Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "eventscope-debian-package-it.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            installAndRemove(tmp);
        }
    }

    private void installAndRemove(Path tmp) throws Exception {
        // given
        Run root = Run.in(tmp, tmp, SYSTEM_PATH);
        Run.Result status = root.run("dpkg-query", "-W", "-f=${Status} ${Version}", "eventscope");
        if (status.out().contains(" installed ") && status.out().endsWith("~SNAPSHOT")) {
            // a development build only gets installed by this test; a run killed between
            // install and remove leaves it behind, and replacing it loses nothing
            Run.Result leftover = root.run("dpkg", "-r", "eventscope");
            assertThat(leftover.code()).as(leftover.toString()).isZero();
            status = root.run("dpkg-query", "-W", "-f=${Status} ${Version}", "eventscope");
        }
        assertThat(status.out())
                .as(
                        "a released eventscope is installed on this machine: remove it (dpkg -r eventscope) to run this test")
                .doesNotContain(" installed ");
        List<Path> files = new ArrayList<>();
        List<Path> newDirectories = new ArrayList<>();
        for (String line :
                root.ok("dpkg-deb", "-c", dist.deb().toString()).lines().toList()) {
            // drwxr-xr-x root/root 0 2026-01-01 00:00 ./usr/lib/eventscope/   (or "... ./x -> target")
            String name = line.split("\\s+", 6)[5].replaceFirst(" -> .*", "");
            Path path = Path.of(name.substring(1));
            if (name.endsWith("/")) {
                if (!Files.exists(path)) {
                    newDirectories.add(path);
                }
            } else {
                files.add(path);
            }
        }
        assertThat(files).contains(Path.of("/usr/bin/evs"), Path.of("/usr/share/man/man1/evs.1.gz"));
        assertThat(newDirectories).contains(Path.of("/usr/lib/eventscope"));
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Run user = Run.in(work, home, "/usr/bin:/bin");
        String samples = "/usr/share/eventscope/samples/orders/";

        Run.Result installed;
        Run.Result which;
        Run.Result version;
        Run.Result man;
        Run.Result manEvents;
        Run.Result imported;
        Run.Result state;
        Run.Result removed;
        try {
            // when
            installed = root.run("dpkg", "-i", dist.deb().toString());
            // a failed install (say, dpkg's lock held by another apt run) is the finding, not
            // the "cannot run evs" that would follow it
            assertThat(installed.code()).as(installed.toString()).isZero();
            which = user.run("sh", "-c", "command -v evs");
            version = user.run("evs", "--version");
            man = user.run("man", "-w", "evs");
            manEvents = user.run("man", "-w", "evs-events");
            imported = user.run("evs", "--db", "orders.db", "import", samples + "events.ndjson");
            state = user.run(
                    "evs",
                    "--db",
                    "orders.db",
                    "--model",
                    samples + "eventscope.yaml",
                    "state",
                    "order-0007",
                    "-o",
                    "ndjson");
        } finally {
            removed = root.run("dpkg", "-r", "eventscope");
        }

        // then
        assertThat(installed.code()).as(installed.toString()).isZero();
        assertThat(which.out()).isEqualTo("/usr/bin/evs\n");
        assertThat(version.code()).as(version.toString()).isZero();
        assertThat(version.out()).matches(dist.versionLine());
        assertThat(man.out()).isEqualTo("/usr/share/man/man1/evs.1.gz\n");
        assertThat(manEvents.out()).isEqualTo("/usr/share/man/man1/evs-events.1.gz\n");
        assertThat(Path.of("/usr/share/bash-completion/completions/evs")).isIn(files);
        assertThat(Path.of("/usr/share/zsh/vendor-completions/_evs")).isIn(files);
        assertThat(imported.code()).as(imported.toString()).isZero();
        assertThat(state.code()).as(state.toString()).isZero();
        assertThat(state.out()).contains("\"aggregateId\":\"order-0007\",\"version\":2,\"position\":45,");

        assertThat(removed.code()).as(removed.toString()).isZero();
        assertThat(root.run("dpkg", "-s", "eventscope").code())
                .as("dpkg -s after dpkg -r")
                .isNotZero();
        for (Path f : files) {
            assertThat(Files.exists(f, LinkOption.NOFOLLOW_LINKS))
                    .as(f + " after dpkg -r")
                    .isFalse();
        }
        for (Path d : newDirectories) {
            assertThat(d).as("a directory the package made").doesNotExist();
        }
        assertThat(user.run("man", "-w", "evs").code())
                .as("man -w evs after dpkg -r")
                .isNotZero();
        assertThat(user.run("sh", "-c", "command -v evs").code()).isNotZero();
        // what the user made stays
        assertThat(work.resolve("orders.db")).isRegularFile();
        assertThat(DistArchiveIT.classDataArchives(home)).hasSize(1);
    }
}
