package dev.eventscope.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/build-info} finds the commit a build is made from: in a git checkout, in the tree
 * that {@code git archive} exports (a release's source tarball), and says it does not know in a
 * copy without either, even inside some other git repository.
 */
class BuildInfoScriptTest {

    static final Path REPO = Path.of("").toAbsolutePath();

    @Test
    void in_a_checkout_it_records_head_its_date_and_whether_tracked_files_changed(@TempDir Path tmp) throws Exception {
        // given
        Path repo = project(tmp.resolve("repo"));
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "first");
        String head = git(repo, "rev-parse", "HEAD").strip();
        String date = git(repo, "log", "-1", "--format=%cs").strip();

        // when
        String clean = buildInfo(repo);
        Files.writeString(repo.resolve("README"), "changed\n");
        String changed = buildInfo(repo);

        // then
        assertThat(field(clean, "VERSION")).isEqualTo("\"9.9.9-SNAPSHOT\"");
        assertThat(field(clean, "COMMIT")).isEqualTo("\"" + head + "\"");
        assertThat(field(clean, "COMMIT_DATE")).isEqualTo("\"" + date + "\"");
        assertThat(field(clean, "MODIFIED")).isEqualTo("false");
        assertThat(field(changed, "MODIFIED")).isEqualTo("true");
    }

    @Test
    void in_a_tree_exported_by_git_archive_it_records_the_exported_commit(@TempDir Path tmp) throws Exception {
        // given
        Path repo = project(tmp.resolve("repo"));
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "commit", "-q", "-m", "first");
        String head = git(repo, "rev-parse", "HEAD").strip();
        Path exported = Files.createDirectories(tmp.resolve("exported"));
        run(tmp, "sh", "-c", "git -C repo archive HEAD | tar -x -C exported");

        // when
        String info = buildInfo(exported);

        // then
        assertThat(exported.resolve(".git")).doesNotExist();
        assertThat(field(info, "COMMIT")).isEqualTo("\"" + head + "\"");
        assertThat(field(info, "MODIFIED")).isEqualTo("false");
    }

    @Test
    void in_a_copy_without_git_inside_another_repository_the_commit_is_unknown(@TempDir Path tmp) throws Exception {
        // given: the sources copied into some other repository's work tree
        Path outer = Files.createDirectories(tmp.resolve("outer"));
        git(outer, "init", "-q");
        Files.writeString(outer.resolve("x"), "x\n");
        git(outer, "add", ".");
        git(outer, "commit", "-q", "-m", "outer");
        Path copy = project(outer.resolve("eventscope-src"));

        // when
        String info = buildInfo(copy);

        // then
        assertThat(field(info, "COMMIT")).isEqualTo("\"\"");
        assertThat(field(info, "COMMIT_DATE")).isEqualTo("\"\"");
    }

    /** A project with the real script and the real .gitattributes, and nothing else. */
    private static Path project(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.copy(REPO.resolve("scripts/build-info"), dir.resolve("scripts/build-info"));
        Files.copy(REPO.resolve(".gitattributes"), dir.resolve(".gitattributes"));
        Files.writeString(dir.resolve("README"), "a project\n");
        return dir;
    }

    private static String buildInfo(Path project) throws Exception {
        run(project, "sh", "scripts/build-info", "9.9.9-SNAPSHOT", "target/gen");
        return Files.readString(project.resolve("target/gen/dev/eventscope/cli/BuildInfo.java"));
    }

    private static String field(String java, String name) {
        Matcher m = Pattern.compile(" " + name + " = (.*);").matcher(java);
        assertThat(m.find()).as(name + " in\n" + java).isTrue();
        return m.group(1);
    }

    private static String git(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = "git";
        command[1] = "-c";
        command[2] = "user.name=test";
        command[3] = "-c";
        command[4] = "user.email=test@example.invalid";
        System.arraycopy(args, 0, command, 5, args.length);
        return run(dir, command);
    }

    private static String run(Path dir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("GIT_DIR");
        pb.environment().remove("GIT_WORK_TREE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }
}
