package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * The man pages in docs/man (AsciiDoc, one per command, made by picocli-codegen's
 * ManPageGenerator) match the command tree. Regenerate them with {@code scripts/man-pages}, which
 * runs this test with {@code -Deventscope.man.write=true}.
 */
class ManPagesTest {

    static final Path MAN = Path.of("docs", "man");

    @Test
    void the_committed_man_pages_match_the_command_tree(@TempDir Path tmp) throws IOException {
        // given
        CommandLine cmd =
                Main.commandLine(new Main(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

        // the pages name no version: it changes with every commit (ADR 0142); the roff pages the build
        // makes from these (ManRoff) name the version they were built with
        cmd.getCommandSpec().versionProvider(() -> new String[] {""});

        // when
        ManPageGenerator.generateManPage(tmp.toFile(), null, new boolean[0], true, cmd.getCommandSpec());
        Map<String, String> generated = pages(tmp);
        if (Boolean.getBoolean("eventscope.man.write")) {
            write(generated);
        }

        // then
        assertThat(pages(MAN))
                .as("docs/man is stale: run scripts/man-pages and commit the result")
                .isEqualTo(generated);
    }

    private static Map<String, String> pages(Path dir) throws IOException {
        Map<String, String> pages = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return pages;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                pages.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return pages;
    }

    private static void write(Map<String, String> generated) throws IOException {
        Files.createDirectories(MAN);
        try (Stream<Path> old = Files.list(MAN)) {
            for (Path f : old.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                Files.delete(f);
            }
        }
        for (Map.Entry<String, String> page : generated.entrySet()) {
            Files.writeString(MAN.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
    }
}
