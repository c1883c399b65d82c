package dev.eventscope.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roff pages made from docs/man read as text in {@code man}: every committed page goes through
 * {@code man -l} (man-db, with groff) and no AsciiDoc shows, and groff has nothing to warn about.
 * {@code .ci/run} installs man-db where it is missing.
 */
class ManRoffTest {

    static final Path MAN = Path.of("docs", "man");

    /** What AsciiDoc markup looks like when it reaches the reader unconverted. */
    static final List<Pattern> RAW = List.of(
            Pattern.compile("xref:"),
            Pattern.compile("::\\s*$", Pattern.MULTILINE),
            Pattern.compile("\\[%hardbreaks\\]"),
            Pattern.compile("^\\s*//", Pattern.MULTILINE),
            Pattern.compile("^\\s*=+ ", Pattern.MULTILINE),
            Pattern.compile("^\\s*:[\\w-]+:", Pattern.MULTILINE),
            // a constrained *strong* or _emphasis_ pair, as ManRoff recognises them
            Pattern.compile("(?<![\\p{L}\\p{N}_;:}])\\*(\\S|\\S[^*\\n]*?\\S)\\*(?![\\p{L}\\p{N}_])"),
            Pattern.compile("(?<![\\p{L}\\p{N}_;:}\"'`])_(\\S|\\S[^_\\n]*?\\S)_(?![\\p{L}\\p{N}_])"),
            // roff that groff did not take as a request or an escape
            Pattern.compile("^\\s*\\.(TH|SH|SS|TP|PP|nf|fi|nh|ad|RS|RE)\\b", Pattern.MULTILINE),
            Pattern.compile("\\\\f[BIRP]|\\\\-|\\\\\\(|\\\\\\["));

    @Nested
    class every_committed_page {

        @Test
        void shows_no_asciidoc_in_man_and_no_groff_warnings(@TempDir Path out) throws Exception {
            // given
            List<Path> pages = ManRoff.convertAll(MAN, out, "eventscope 1.2.3", "2026-01-02");

            // when
            Man.Shown shown = Man.show(pages);

            // then
            assertThat(pages).hasSize(adocCount());
            assertThat(shown.warnings()).as("groff warnings").isEmpty();
            for (Map.Entry<String, String> page : shown.text().entrySet()) {
                assertThat(raw(page.getValue()))
                        .as("raw markup in " + page.getKey())
                        .isEmpty();
            }
        }

        @Test
        void reads_as_the_help_says(@TempDir Path out) throws Exception {
            // given
            List<Path> pages = ManRoff.convertAll(MAN, out, "eventscope 1.2.3", "2026-01-02");

            // when
            String events =
                    Man.show(List.of(out.resolve("evs-events.1"))).text().get("evs-events.1");

            // then
            assertThat(pages).contains(out.resolve("evs.1"), out.resolve("evs-events.1"));
            assertThat(events)
                    .startsWith("EVS-EVENTS(1)")
                    .contains("NAME\n       evs-events - List events in position order, filtered.\n")
                    .contains("SYNOPSIS\n       evs events [-hqvx] [--follow]")
                    .contains("[--type=EVENT_TYPE[,EVENT_TYPE...]]...")
                    .contains("       --aggregate-id=ID\n              Only events of aggregates with this id.\n")
                    .contains("EXAMPLES\n         evs events --aggregate-type Order --aggregate-id order-0007\n")
                    .containsPattern("eventscope 1\\.2\\.3 +2026-01-02 +EVS-EVENTS\\(1\\)\\s*$");
        }
    }

    @Test
    void the_check_finds_asciidoc_that_man_shows_unconverted(@TempDir Path dir) throws Exception {
        // given: an AsciiDoc page handed to man as it is
        Path adoc = dir.resolve("evs-events.1");
        Files.copy(MAN.resolve("evs-events.adoc"), adoc);

        // when
        String shown = Man.show(List.of(adoc)).text().get("evs-events.1");

        // then
        assertThat(raw(shown)).contains("[%hardbreaks]", "*evs events*", "_ID_");
    }

    @Nested
    class converting {

        @Test
        void strong_and_emphasis_become_fonts_and_words_with_underscores_stay_words() {
            assertThat(ManRoff.inline("[*--db*=_FILE_] [*--type*=_EVENT_TYPE_[,_EVENT_TYPE_...]]..."))
                    .isEqualTo("[\\fB\\-\\-db\\fR=\\fIFILE\\fR] [\\fB\\-\\-type\\fR=\\fIEVENT_TYPE\\fR"
                            + "[,\\fIEVENT_TYPE\\fR...]]...");
            assertThat(ManRoff.inline("tables rm_<name>, the column migration_positions, \"*\": any type"))
                    .isEqualTo("tables rm_<name>, the column migration_positions, \"*\": any type");
            assertThat(ManRoff.inline("xref:evs-init.adoc[*init*]")).isEqualTo("\\fBinit\\fR");
            assertThat(ManRoff.inline("*a _b_ c*")).isEqualTo("\\fBa \\fIb\\fB c\\fR");
        }

        @Test
        void characters_roff_would_read_are_escaped() {
            assertThat(ManRoff.escape("a\\b -x 'q' `g` ^ ~ … ü"))
                    .isEqualTo("a\\eb \\-x \\(aqq\\(aq \\(gag\\(ga \\(ha \\(ti \\[u2026] \\[u00FC]");
        }

        @Test
        void a_line_that_starts_with_a_dot_or_quote_is_not_a_request() {
            // given
            String adoc = page("[%hardbreaks]\nfirst\n.payload.amount > 100\n'quoted\n\n  .in a literal\n");

            // when
            String roff = ManRoff.convert("x.adoc", adoc, "s", "").roff();

            // then
            assertThat(roff).contains("\nfirst\n\\&.payload.amount > 100\n\\(aqquoted\n", "\n  .in a literal\n");
        }

        @Test
        void a_page_is_named_after_its_title_with_its_section() {
            assertThat(ManRoff.convert("x.adoc", page("text\n"), "eventscope 1", "2026-01-02"))
                    .satisfies(p -> assertThat(p.fileName()).isEqualTo("evs-x.1"))
                    .satisfies(p -> assertThat(p.roff())
                            .contains(".TH \"EVS\\-X\" \"1\" \"2026\\-01\\-02\" \"eventscope 1\" \"Evs Manual\"\n"));
        }

        @Test
        void asciidoc_it_does_not_know_is_refused_with_file_and_line() {
            for (String block :
                    List.of("----\ncode\n----", "[source,sh]\nx", ".Title\nx", "* item", "include::a.adoc[]")) {
                assertThatThrownBy(() -> ManRoff.convert("x.adoc", page(block + "\n"), "s", ""))
                        .as(block)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("x.adoc:13: AsciiDoc that ManRoff does not convert: ");
            }
        }

        private static String page(String description) {
            return ":doctype: manpage\n:manmanual: Evs Manual\n:mansource: \n= evs-x(1)\n\n"
                    + "// a comment\n== Name\n\nevs-x - A page.\n\n== Description\n\n" + description;
        }
    }

    static List<String> raw(String shown) {
        List<String> found = new ArrayList<>();
        for (Pattern p : RAW) {
            Matcher m = p.matcher(shown);
            while (m.find()) {
                found.add(m.group().strip());
            }
        }
        return found;
    }

    private static int adocCount() throws IOException {
        try (var files = Files.list(MAN)) {
            return (int) files.filter(p -> p.toString().endsWith(".adoc")).count();
        }
    }

    /** man-db's {@code man -l}, as a reader would see each page in a pipe (plain text, 80 columns). */
    static final class Man {

        record Shown(Map<String, String> text, String warnings) {}

        static Shown show(List<Path> pages) throws IOException, InterruptedException {
            Map<String, String> text = new java.util.TreeMap<>();
            StringBuilder warnings = new StringBuilder();
            for (Path page : pages) {
                ProcessBuilder pb = new ProcessBuilder("man", "--warnings=w", "-l", page.toString());
                pb.environment().put("MANWIDTH", "80");
                pb.environment().put("LANG", "C.UTF-8");
                pb.environment().remove("MAN_KEEP_FORMATTING");
                pb.environment().remove("MANPAGER");
                pb.environment().remove("PAGER");
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                Path err = Files.createTempFile("man-", ".err");
                try {
                    pb.redirectError(err.toFile());
                    Process p = pb.start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    int code = p.waitFor();
                    String errors = Files.readString(err, StandardCharsets.UTF_8);
                    assertThat(code).as("man -l " + page + ": " + errors).isZero();
                    text.put(page.getFileName().toString(), out);
                    if (!errors.isEmpty()) {
                        warnings.append(page.getFileName()).append(": ").append(errors);
                    }
                } finally {
                    Files.deleteIfExists(err);
                }
            }
            return new Shown(text, warnings.toString());
        }
    }
}
