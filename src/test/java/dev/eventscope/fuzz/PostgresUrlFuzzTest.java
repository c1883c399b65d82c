package dev.eventscope.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.eventscope.cli.Main;
import dev.eventscope.error.EventscopeException;
import dev.eventscope.error.Failure;
import dev.eventscope.postgres.PostgresUrl;
import dev.eventscope.store.StoreLocator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A store locator as {@code --db}, {@code EVENTSCOPE_DB} and {@code --to} read it, PostgreSQL URLs
 * above all ({@code postgresql://}, {@code postgres://}, {@code jdbc:postgresql:}): it names a store
 * file, or a PostgreSQL store whose rendering (how messages, {@code stats} and {@code top} name it)
 * holds no password and reads back as the same store, or it is refused as a usage error (exit 2)
 * whose message holds no password. {@link PostgresUrl#redact}, which cuts passwords out of messages
 * and the shell's history, must cut out every password the parser would read. No server is needed:
 * nothing connects.
 */
class PostgresUrlFuzzTest {

    /** What the parser falls back on for a user and a database the URL does not name. */
    private static final Map<String, String> ENVIRONMENT = Map.of("USER", "osuser");

    @FuzzTest(maxDuration = "10m")
    @DictionaryEntries({
        "postgresql://",
        "postgres://",
        "jdbc:postgresql://",
        "jdbc:postgresql:",
        "@",
        ":",
        "[::1]",
        "%40",
        "%3A",
        "%2F",
        "%25",
        "?schema=",
        "&currentSchema=",
        "&user=",
        "&password=",
        "?password=",
        "&sslpassword=",
        "&dbname=",
        "&sslmode=require",
        "&options=",
        "&application_name=",
        ":5432/"
    })
    void url(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        List<String> secrets = secrets(text);

        StoreLocator locator;
        try {
            locator = StoreLocator.parse(text, "--db");
        } catch (EventscopeException refused) {
            if (refused.failure() != Failure.USAGE) {
                throw Outcome.finding("a store locator refused as " + refused.failure() + ", not as usage", refused);
            }
            Core.requireReason(refused);
            requireNoSecret(
                    "the refusal", refused.getMessage() + "\n" + refused.hint().orElse(""), secrets, text);
            if (Core.sampled(input) && !text.contains("\0")) {
                requireRefusedByTheCommandLine(text, secrets);
            }
            return;
        }
        if (locator instanceof StoreLocator.SqliteFile) {
            if (PostgresUrl.looksLikeOne(text)) {
                throw Outcome.finding("a PostgreSQL URL taken for a store file: " + text);
            }
            return;
        }
        StoreLocator.Postgres store = (StoreLocator.Postgres) locator;
        PostgresUrl url = store.url();
        requireRenderingWithoutSecrets(store, url, text);
        requireRedacted(url, text, secrets);
    }

    /** The rendering reads back as the same store: every part but the secrets, which it leaves out. */
    private static void requireRenderingWithoutSecrets(StoreLocator.Postgres store, PostgresUrl url, String text) {
        String rendering = store.toString();
        PostgresUrl again;
        try {
            again = PostgresUrl.parse(rendering, "--db", ENVIRONMENT);
        } catch (EventscopeException e) {
            throw Outcome.finding("the rendering of an accepted URL does not read back: " + rendering, text, e);
        }
        if (again.password() != null || again.parameters().containsKey("sslpassword")) {
            throw Outcome.finding("the rendering holds a password: " + rendering, text);
        }
        Map<String, String> parameters = new TreeMap<>(url.parameters());
        parameters.remove("sslpassword");
        PostgresUrl expected =
                new PostgresUrl(url.host(), url.port(), url.database(), url.user(), null, url.schema(), parameters);
        if (!expected.equals(again)) {
            throw Outcome.finding(
                    "the rendering reads back as another store", "input: " + text, "rendering: " + rendering, again);
        }
    }

    /**
     * {@code redact} leaves no password the parser reads: the redacted URL reads as the same store
     * with {@code ***} for each password, or holds none of the secrets.
     */
    private static void requireRedacted(PostgresUrl url, String text, List<String> secrets) {
        String redacted = PostgresUrl.redact(text);
        requireNoSecret("the redacted URL", redacted, secrets, text);
        PostgresUrl read;
        try {
            read = PostgresUrl.parse(redacted, "--db", ENVIRONMENT);
        } catch (EventscopeException e) {
            return;
        }
        if (read.password() != null
                && !read.password().isEmpty()
                && !read.password().equals("***")) {
            throw Outcome.finding("redact leaves a password: " + redacted, "input: " + text);
        }
        String key = read.parameters().get("sslpassword");
        if (key != null && !key.isEmpty() && !key.equals("***")) {
            throw Outcome.finding("redact leaves an sslpassword: " + redacted, "input: " + text);
        }
        if (url.password() != null && !url.password().isEmpty() && read.password() == null) {
            throw Outcome.finding("redact removed the password rather than masking it: " + redacted, text);
        }
    }

    /** {@code evs --db TEXT head}: exit 2 and a one-line message without the password. */
    private static void requireRefusedByTheCommandLine(String text, List<String> secrets) {
        String[] argv = {"--db", text, "--no-color", "head"};
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main();
        int code = Main.run(Main.commandLine(main, new PrintWriter(out), new PrintWriter(err), argv), main, argv);
        Evs.Run run = new Evs.Run(argv, code, out.toString(), err.toString());
        Outcome.require(run);
        if (run.exit() != 2) {
            throw Outcome.finding("a refused locator did not exit 2", run);
        }
        // the message's escapes of control characters (\\r, \\u0001) are not text of the input
        requireNoSecret("stderr", run.err().replaceAll("\\\\(?:[nrt]|u[0-9a-f]{4})", "\0"), secrets, text);
    }

    /**
     * Fails when {@code shown} holds one of {@code secrets} or a piece of one: any 5 characters of a
     * secret (not {@code *}, which masks, nor a control character, which messages show escaped and
     * only their own line breaks show raw, nor a quote, which messages put around names) that {@code text} holds only once and that are not words of
     * the refusals themselves, so that they cannot come from another part of the URL or the message.
     */
    private static void requireNoSecret(String where, String shown, List<String> secrets, String text) {
        // the other parts of the URL, as written and %-decoded (a message may show a decoded name)
        String others = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                others = others.replace(secret, "\0");
            }
        }
        others = others + "\n" + leniently(others);
        for (String secret : secrets) {
            for (int i = 0; i + PIECE <= secret.length(); i++) {
                String piece = secret.substring(i, i + PIECE);
                if (!piece.contains("*")
                        && piece.chars().noneMatch(c -> Character.isISOControl(c) || c == '\'')
                        && text.indexOf(piece) == text.lastIndexOf(piece)
                        && !others.contains(piece)
                        && !OWN_WORDS.contains(piece)
                        && shown.contains(piece)) {
                    throw Outcome.finding(
                            where + " shows '" + piece + "' of the password '" + secret + "'", "input: " + text, shown);
                }
            }
        }
    }

    private static final int PIECE = 5;

    /**
     * The refusals' own words (messages and hints, without a URL of the input's): a piece of a
     * secret that is also one of them may come from there.
     */
    private static final String OWN_WORDS = ownWords(
            "postgresql:h/d",
            "postgresql://h:x/d",
            "postgresql://h:0/d",
            "postgresql://h/d/e",
            "postgresql://[::1/d",
            "postgresql://[::1]x/d",
            "postgresql://h1,h2/d",
            "postgresql://h/d#x",
            "postgresql://h%/d",
            "postgresql://h/d?schema=X",
            "postgresql://h/d?sslmode=a&sslmode=b",
            "postgresql://u@h/d?user=v",
            "postgresql://h/d?nosuch=1",
            "postgresql://h d/",
            "postgresql://h%20/d",
            "postgresql://h/d?x=%");

    private static String ownWords(String... refused) {
        StringBuilder words =
                new StringBuilder("evs: hint: --db is empty pass a store file or a PostgreSQL URL, e.g. --db events.db"
                        + " is not a file name pass a store file name");
        for (String text : refused) {
            try {
                PostgresUrl.parse(text, "--db", ENVIRONMENT);
            } catch (EventscopeException e) {
                // as the command line prints them: "evs: MESSAGE", then "hint: HINT"
                words.append("\nevs: ").append(e.getMessage().replace(text, ""));
                words.append("\nhint: ").append(e.hint().orElse(""));
            }
        }
        return words.toString();
    }

    /**
     * The passwords {@code text} carries as the parser splits a URL (user info up to the last
     * {@code @} before the path, query or fragment; {@code password} and {@code sslpassword}
     * parameters, their names %-decoded and in any case), as they are written in it.
     */
    static List<String> secrets(String text) {
        List<String> out = new ArrayList<>();
        String t = text.trim();
        if (!PostgresUrl.looksLikeOne(t)) {
            return out;
        }
        int start = t.indexOf("//");
        if (start < 0 || t.substring(0, start).contains("/")) {
            return out;
        }
        String rest = t.substring(start + 2);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                out.add(userInfo.substring(colon + 1));
            }
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = leniently(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (key.equals("password") || key.equals("sslpassword")) {
                out.add(pair.substring(eq + 1));
            }
        }
        return out;
    }

    private static String leniently(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }
}
