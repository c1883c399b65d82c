package dev.eventscope.dist;

import dev.eventscope.cli.BuildInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns the AsciiDoc man pages in {@code docs/man} into roff pages that {@code man} reads. The build
 * runs it (prepare-package) into {@code target/man}; the distribution ships what it writes (ADR 0141).
 *
 * <p>It reads the AsciiDoc that picocli-codegen's {@code ManPageGenerator} writes, not AsciiDoc at
 * large: header attributes and the {@code = name(section)} title; {@code ==} sections; paragraphs
 * (lines joined, as AsciiDoc does); {@code [%hardbreaks]} paragraphs; literal paragraphs (indented
 * lines, shown as they are); description lists ({@code term::} then its indented description);
 * constrained {@code *strong*} and {@code _emphasis_}, and {@code xref:page.adoc[text]} (its text).
 * Comment lines are dropped. Any other block syntax (delimited blocks, block attributes, titles,
 * lists, include and other directives) is refused with the file and line, so that a construct it
 * does not know fails the build instead of showing as raw markup. Everything else is text: no
 * typographic replacements, so {@code --} and {@code ...} stay as typed.
 *
 * <p>Run as {@code ManRoff ADOC_DIRECTORY OUTPUT_DIRECTORY}: every {@code *.adoc} becomes
 * {@code NAME.SECTION} (for example {@code evs-events.1}); the footer names this build's version,
 * the date is the commit's (so a rebuild of the same commit writes the same bytes).
 */
public final class ManRoff {

    /** One roff page: its file name ({@code evs-events.1}) and its text. */
    public record Page(String fileName, String roff) {}

    private static final Pattern TITLE = Pattern.compile("= ([A-Za-z0-9][\\w.-]*)\\((\\d\\w*)\\)");
    private static final Pattern ATTRIBUTE = Pattern.compile(":([\\w-]+):(.*)");
    private static final Pattern SECTION = Pattern.compile("==\\s+(\\S.*?):?\\s*");
    private static final Pattern XREF = Pattern.compile("xref:[^\\[\\s]+\\[([^\\]]*)\\]");
    // AsciiDoc's constrained formatting: the mark after a start of text or a character that is not a
    // word character (nor ;:} and, for emphasis, quotes), text that neither starts nor ends with
    // a space, and the closing mark not followed by a word character
    private static final Pattern STRONG =
            Pattern.compile("(?<![\\p{L}\\p{N}_;:}\\\\])\\*(\\S|\\S.*?\\S)\\*(?![\\p{L}\\p{N}_])");
    private static final Pattern EMPHASIS =
            Pattern.compile("(?<![\\p{L}\\p{N}_;:}\"'`\\\\])_(\\S|\\S.*?\\S)_(?![\\p{L}\\p{N}_])");
    private static final Pattern UNSUPPORTED = Pattern.compile(
            "\\[.*\\]" // block attributes other than [%hardbreaks]
                    + "|(-{4,}|\\.{4,}|\\*{4,}|={4,}|_{4,}|\\+{4,}|/{4,}|\\|===).*" // delimited blocks
                    + "|[a-z]+::\\S*\\[.*\\]" // include::, image::, ifdef:: and other block macros
                    + "|\\.[^.\\s].*" // block title
                    + "|(\\*+|-|\\.+|\\d+\\.)\\s.*" // list items
                    + "|=+ .*|={3,}.*" // document title again, or deeper sections
                    + "|:[\\w-]+:.*" // attribute entry after the header
                    + "|<<.*" // cross references in the other syntax
            );

    private ManRoff() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ManRoff ADOC_DIRECTORY OUTPUT_DIRECTORY");
        }
        List<Path> written = convertAll(
                Path.of(args[0]), Path.of(args[1]), "eventscope " + BuildInfo.VERSION, BuildInfo.COMMIT_DATE);
    }

    /**
     * Converts every {@code *.adoc} in {@code adocDir} into {@code outDir} (created if needed; roff
     * pages from an earlier run that have no source any more are removed).
     *
     * @return the pages written, in name order
     */
    public static List<Path> convertAll(Path adocDir, Path outDir, String source, String date) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(adocDir)) {
            sources = files.filter(p -> p.getFileName().toString().endsWith(".adoc"))
                    .sorted()
                    .toList();
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no *.adoc man pages in " + adocDir);
        }
        Files.createDirectories(outDir);
        try (Stream<Path> old = Files.list(outDir)) {
            for (Path f : old.filter(p -> p.getFileName().toString().matches(".*\\.\\d\\w*"))
                    .toList()) {
                Files.delete(f);
            }
        }
        List<Path> written = new ArrayList<>();
        for (Path adoc : sources) {
            Page page = convert(
                    adoc.getFileName().toString(), Files.readString(adoc, StandardCharsets.UTF_8), source, date);
            Path target = outDir.resolve(page.fileName());
            Files.writeString(target, page.roff(), StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    /**
     * One page.
     *
     * @param file the AsciiDoc file's name, for messages
     * @param source what the footer names as the page's source (the version)
     * @param date the page's date, or empty
     * @throws IllegalArgumentException for AsciiDoc this converter does not know, naming file and line
     */
    public static Page convert(String file, String adoc, String source, String date) {
        return new Converter(file, adoc.replace("\r\n", "\n").split("\n", -1)).run(source, date);
    }

    /** The conversion of one file. */
    private static final class Converter {
        private final String file;
        private final String[] lines;
        private final Map<String, String> attributes = new HashMap<>();
        private final StringBuilder out = new StringBuilder();
        private int i;
        private boolean sectionHasBlock;

        Converter(String file, String[] lines) {
            this.file = file;
            this.lines = lines;
        }

        Page run(String source, String date) {
            Matcher title = header();
            String name = title.group(1);
            String section = title.group(2);
            out.append(".\\\" Made from docs/man/")
                    .append(file)
                    .append(" (picocli's AsciiDoc) by the build; edit the command's help, not this.\n");
            out.append(".TH ")
                    .append(quoted(name.toUpperCase(Locale.ROOT)))
                    .append(' ')
                    .append(quoted(section))
                    .append(' ')
                    .append(quoted(date))
                    .append(' ')
                    .append(quoted(source))
                    .append(' ')
                    .append(quoted(attributes.getOrDefault("manmanual", "")))
                    .append('\n');
            // no hyphenation and a ragged right margin: option names stay whole and copyable
            out.append(".nh\n.ad l\n");
            boolean hardbreaks = false;
            boolean inSection = false;
            while (i < lines.length) {
                String line = lines[i];
                if (line.isBlank() || isComment(line)) {
                    i++;
                    continue;
                }
                Matcher sectionTitle = SECTION.matcher(line);
                if (sectionTitle.matches()) {
                    out.append(".SH ")
                            .append(quoted(sectionTitle.group(1).toUpperCase(Locale.ROOT)))
                            .append('\n');
                    inSection = true;
                    sectionHasBlock = false;
                    hardbreaks = false;
                    i++;
                    continue;
                }
                if (!inSection) {
                    throw unsupported("text before the first section");
                }
                if (line.equals("[%hardbreaks]")) {
                    hardbreaks = true;
                    i++;
                    continue;
                }
                if (Character.isWhitespace(line.charAt(0))) {
                    literal(block());
                } else if (line.endsWith("::")) {
                    item();
                } else if (UNSUPPORTED.matcher(line).matches()) {
                    throw unsupported(line);
                } else {
                    paragraph(block(), hardbreaks);
                }
                hardbreaks = false;
            }
            return new Page(name + "." + section, out.toString());
        }

        /** The attribute entries and the title; leaves {@link #i} after the title. */
        private Matcher header() {
            for (; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || isComment(line)) {
                    continue;
                }
                Matcher attribute = ATTRIBUTE.matcher(line);
                if (attribute.matches()) {
                    attributes.put(attribute.group(1), attribute.group(2).strip());
                    continue;
                }
                Matcher title = TITLE.matcher(line.strip());
                if (title.matches()) {
                    i++;
                    // attribute entries may follow the title too, up to the first blank line
                    for (; i < lines.length && !lines[i].isBlank(); i++) {
                        Matcher after = ATTRIBUTE.matcher(lines[i]);
                        if (!after.matches()) {
                            throw unsupported(lines[i]);
                        }
                        attributes.put(after.group(1), after.group(2).strip());
                    }
                    return title;
                }
                throw unsupported(line + " (expected the title, '= name(section)')");
            }
            i = 0;
            throw unsupported("no title ('= name(section)')");
        }

        /** The lines of one block: up to the next blank line; comment lines dropped. */
        private List<String> block() {
            List<String> block = new ArrayList<>();
            for (; i < lines.length && !lines[i].isBlank(); i++) {
                if (!isComment(lines[i])) {
                    block.add(lines[i]);
                }
            }
            return block;
        }

        private void startBlock() {
            if (sectionHasBlock) {
                out.append(".PP\n");
            }
            sectionHasBlock = true;
        }

        private void paragraph(List<String> block, boolean hardbreaks) {
            startBlock();
            if (hardbreaks) {
                out.append(".nf\n");
                for (String line : block) {
                    text(inline(line.strip()));
                }
                out.append(".fi\n");
                return;
            }
            List<String> words = new ArrayList<>();
            for (String line : block) {
                words.add(line.strip());
            }
            text(inline(String.join(" ", words)));
        }

        /** A literal paragraph: no markup, lines and their indentation kept. */
        private void literal(List<String> block) {
            startBlock();
            out.append(".nf\n");
            for (String line : block) {
                text(escape(line.stripTrailing()));
            }
            out.append(".fi\n");
        }

        /** A description list item: the term line, then its description (the following lines). */
        private void item() {
            String term = lines[i].substring(0, lines[i].length() - 2);
            i++;
            List<String> description = block();
            sectionHasBlock = true;
            out.append(".TP\n");
            text(inline(term.strip()));
            if (!description.isEmpty()) {
                List<String> words = new ArrayList<>();
                for (String line : description) {
                    if (line.strip().endsWith("::")) {
                        throw unsupported(line);
                    }
                    words.add(line.strip());
                }
                text(inline(String.join(" ", words)));
            }
        }

        /** One output text line, made safe from being read as a request. */
        private void text(String roff) {
            if (roff.isEmpty()) {
                out.append("\\&\n");
                return;
            }
            if (roff.startsWith(".") || roff.startsWith("'")) {
                out.append("\\&");
            }
            out.append(roff).append('\n');
        }

        private IllegalArgumentException unsupported(String what) {
            return new IllegalArgumentException(file + ":" + (i + 1) + ": AsciiDoc that ManRoff does not convert: "
                    + what + " (extend ManRoff, or write the help text without it)");
        }
    }

    private static boolean isComment(String line) {
        return line.startsWith("//") && !line.startsWith("////");
    }

    /** Inline markup of one line of text, as roff with escapes. */
    static String inline(String text) {
        Matcher xref = XREF.matcher(text);
        String plain = xref.replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return fonts(plain, "R");
    }

    /** Strong and emphasis as font changes; {@code outer} is the font to return to. */
    private static String fonts(String text, String outer) {
        Matcher strong = STRONG.matcher(text);
        Matcher emphasis = EMPHASIS.matcher(text);
        boolean s = strong.find();
        boolean e = emphasis.find();
        if (!s && !e) {
            return escape(text);
        }
        Matcher first = !e || (s && strong.start() <= emphasis.start()) ? strong : emphasis;
        String font = first == strong ? "B" : "I";
        return escape(text.substring(0, first.start()))
                + "\\f" + font + fonts(first.group(1), font) + "\\f" + outer
                + fonts(text.substring(first.end()), outer);
    }

    /** Text as roff: backslashes, hyphen-minus, quotes and every character past ASCII escaped. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> b.append("\\e");
                case '-' -> b.append("\\-");
                case '\'' -> b.append("\\(aq");
                case '`' -> b.append("\\(ga");
                case '^' -> b.append("\\(ha");
                case '~' -> b.append("\\(ti");
                case '\t' -> b.append("        ");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        throw new IllegalArgumentException(
                                "control character U+" + String.format(Locale.ROOT, "%04X", c) + " in man page text");
                    } else if (c < 0x80) {
                        b.append((char) c);
                    } else {
                        b.append(String.format(Locale.ROOT, "\\[u%04X]", c));
                    }
                }
            }
        });
        return b.toString();
    }

    /** A macro argument: quoted, with the text escaped and double quotes as {@code \(dq}. */
    private static String quoted(String text) {
        return "\"" + escape(text).replace("\"", "\\(dq") + "\"";
    }
}
