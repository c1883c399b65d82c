package dev.eventscope.postgres;

import dev.eventscope.error.UsageException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL connection URL, parsed: {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE
 * ?schema=NAME&sslmode=…} (also {@code postgres://} and {@code jdbc:postgresql://}, whose user and
 * password may come as parameters). The one place that reads such a URL, for the store adapter and
 * for readers of other stores' tables; {@link PgConnect} opens connections from it.
 *
 * <p>{@link #toString()} leaves the password out, and so does every message here: a malformed URL
 * is shown with its password cut out ({@link #redact}).
 *
 * @param password the password the URL carried, or null (then PGPASSWORD or ~/.pgpass); never printed
 * @param schema the schema the URL names ({@code ?schema=}), or null
 * @param parameters what passes to the driver as it is (TLS, timeouts), by name
 */
public record PostgresUrl(
        String host,
        int port,
        String database,
        String user,
        String password,
        String schema,
        Map<String, String> parameters) {

    /** The port when the URL names none. */
    public static final int DEFAULT_PORT = 5432;

    /** URL parameters passed to the driver as they are (TLS and timeouts), by their URL name. */
    public static final Set<String> DRIVER_PARAMETERS = Set.of(
            "sslmode",
            "sslrootcert",
            "sslcert",
            "sslkey",
            "sslpassword",
            "sslnegotiation",
            "channelBinding",
            "gssEncMode",
            "connectTimeout",
            "socketTimeout",
            "tcpKeepAlive",
            "targetServerType",
            "options");

    /** Parameters whose values are secrets: never printed. */
    static final Set<String> SECRET_PARAMETERS = Set.of("password", "sslpassword");

    private static final Pattern SCHEME =
            Pattern.compile("^(?:jdbc:postgresql|postgresql|postgres):", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Where a URL starts in free text: one of the three schemes, anywhere. */
    private static final Pattern URL_START =
            Pattern.compile("(?:jdbc:postgresql|postgresql|postgres):", Pattern.CASE_INSENSITIVE);
    /** A host name, an IPv4 address, or an IPv6 address with an optional zone (%eth0). */
    private static final Pattern HOST = Pattern.compile("[\\p{L}\\p{N}._~%:-]+");

    public PostgresUrl {
        if (host == null || host.isEmpty() || database == null || user == null) {
            throw new IllegalArgumentException("host, database and user are required");
        }
        if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema '" + schema + "' is not a plain identifier");
        }
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** True when {@code text} is written as a PostgreSQL URL (it may still be malformed). */
    public static boolean looksLikeOne(String text) {
        return text != null && SCHEME.matcher(text.trim()).lookingAt();
    }

    /**
     * {@code text} with any password in it (user info or parameter) replaced by {@code ***}. A URL in
     * {@code text} runs from its scheme to the next whitespace (no usable URL holds any, see {@link
     * #parse}); within it, secrets are found as {@link #parse} finds them (ADR 0210): the user info
     * runs to the last {@code @} before the first {@code /} or {@code ?}, the password from its first
     * {@code :}, and {@code password} and {@code sslpassword} parameters are known by their
     * %-decoded names in any case.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher start = URL_START.matcher(text);
        int done = 0;
        while (start.find(done)) {
            int end = start.end();
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            char open = start.start() > 0 ? text.charAt(start.start() - 1) : 0;
            if ((open == '\'' || open == '"') && end > start.end() && text.charAt(end - 1) == open) {
                end--; // the closing quote of those a message or a shell line puts around it
            }
            out.append(text, done, start.start());
            out.append(redactOne(text.substring(start.start(), end)));
            done = end;
        }
        return out.append(text.substring(done)).toString();
    }

    /** One URL (whitespace in it included) with its passwords replaced by {@code ***}. */
    private static String redactOne(String url) {
        StringBuilder out = new StringBuilder(url);
        int authority = url.indexOf("//");
        int query = url.indexOf('?', authority < 0 ? 0 : authority);
        if (authority >= 0 && (query < 0 || authority < query)) {
            int from = authority + 2;
            int to = from;
            while (to < url.length() && url.charAt(to) != '/' && url.charAt(to) != '?') {
                to++;
            }
            int at = url.lastIndexOf('@', to - 1);
            int colon = at >= from ? url.indexOf(':', from) : -1;
            if (colon >= 0 && colon < at) {
                out.replace(colon + 1, at, "***");
            }
        }
        String redacted = out.toString();
        int q = redacted.indexOf('?', authority < 0 ? 0 : redacted.indexOf("//"));
        if (q < 0) {
            return redacted;
        }
        StringBuilder params = new StringBuilder(redacted.substring(0, q + 1));
        String[] pairs = redacted.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (i > 0) {
                params.append('&');
            }
            if (eq >= 0
                    && SECRET_PARAMETERS.contains(
                            leniently(pair.substring(0, eq)).toLowerCase(Locale.ROOT))) {
                params.append(pair, 0, eq + 1).append("***");
            } else {
                params.append(pair);
            }
        }
        return params.toString();
    }

    private static String leniently(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    /** The same server and database, another schema. */
    public PostgresUrl withSchema(String otherSchema) {
        return new PostgresUrl(host, port, database, user, password, otherSchema, parameters);
    }

    /** HOST:PORT, for messages. */
    public String where() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The JDBC URL, without user, password or parameters (those go to the driver as properties). */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Parses {@code text}.
     *
     * @param option how the URL was given, for messages ({@code --db}, {@code --to})
     * @param environment where the user and database come from when the URL has none ({@code
     *     PGUSER}, then {@code USER}; {@code PGDATABASE}, then the user)
     * @throws UsageException when it is not a PostgreSQL URL that can be used
     */
    public static PostgresUrl parse(String text, String option, Map<String, String> environment) {
        String trimmed = text.trim();
        Matcher scheme = SCHEME.matcher(trimmed);
        if (!scheme.lookingAt()) {
            throw malformed(text, option, "it does not start with postgresql://");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (Character.isWhitespace(trimmed.charAt(i)) || Character.isISOControl(trimmed.charAt(i))) {
                throw malformed(text, option, "it holds a space or a control character; write it %-escaped (%20)");
            }
        }
        String rest = trimmed.substring(scheme.end());
        if (!rest.startsWith("//")) {
            throw malformed(text, option, "the host part must start with //");
        }
        rest = rest.substring(2);
        if (rest.indexOf('#') >= 0) {
            throw malformed(text, option, "it has a fragment (#…)");
        }
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                password = decode(userInfo.substring(colon + 1), text, option);
                userInfo = userInfo.substring(0, colon);
            }
            user = decode(userInfo, text, option);
        }
        String host;
        int port = DEFAULT_PORT;
        if (rest.startsWith("[")) {
            int end = rest.indexOf(']');
            if (end < 0) {
                throw malformed(text, option, "an IPv6 host in [ ] is not closed");
            }
            host = rest.substring(1, end);
            rest = rest.substring(end + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw malformed(text, option, "unexpected text after the IPv6 host");
            }
            if (rest.startsWith(":")) {
                port = port(rest.substring(1), text, option);
            }
        } else {
            if (rest.contains(",")) {
                throw malformed(text, option, "it names several hosts; give one (a replica's URL for reading)");
            }
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                port = port(rest.substring(colon + 1), text, option);
                host = decode(rest.substring(0, colon), text, option);
            } else {
                host = decode(rest, text, option);
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        if (!HOST.matcher(host).matches()) {
            throw malformed(text, option, "the host is not a host name or an IP address");
        }
        if (path.contains("/")) {
            throw malformed(text, option, "the database name contains '/'");
        }
        String database = decode(path, text, option);
        Map<String, String> parameters = new TreeMap<>();
        String schema = null;
        Map<String, String> seen = new LinkedHashMap<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), text, option);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), text, option);
            if (seen.put(key, value) != null) {
                throw malformed(text, option, "the parameter '" + key + "' is given twice");
            }
        }
        for (Map.Entry<String, String> p : seen.entrySet()) {
            String key = p.getKey();
            String value = p.getValue();
            if (key.equals("schema") || key.equals("currentSchema")) {
                if (!IDENTIFIER.matcher(value).matches()) {
                    throw new UsageException(
                            option + ": schema '" + value + "' must match [a-z_][a-z0-9_]* (at most 63 characters)",
                            "pass ?schema=NAME with a plain lower-case name");
                }
                schema = value;
            } else if (key.equals("user")) {
                if (user != null && !user.isEmpty() && !user.equals(value)) {
                    throw malformed(text, option, "it names two users");
                }
                user = value;
            } else if (key.equals("password")) {
                password = value;
            } else if (key.equals("dbname")) {
                database = value;
            } else if (key.equals("application_name") || key.equals("ApplicationName")) {
                // the server is always told it is Eventscope
                continue;
            } else if (DRIVER_PARAMETERS.contains(key)) {
                parameters.put(key, value);
            } else {
                throw new UsageException(
                        option + ": unknown URL parameter '" + key + "' in " + redactOne(text),
                        "accepted: schema, user, password, " + String.join(", ", new TreeSet<>(DRIVER_PARAMETERS)));
            }
        }
        if (user == null || user.isEmpty()) {
            user = environment.getOrDefault("PGUSER", environment.getOrDefault("USER", ""));
            if (user.isEmpty()) {
                user = System.getProperty("user.name", "");
            }
        }
        if (database.isEmpty()) {
            database = environment.getOrDefault("PGDATABASE", user);
        }
        if (user.isEmpty() || database.isEmpty()) {
            throw malformed(text, option, "it names no user or database");
        }
        return new PostgresUrl(host, port, database, user, password, schema, parameters);
    }

    private static int port(String text, String url, String option) {
        if (!text.matches("\\d{1,5}")) {
            throw malformed(url, option, "the port '" + text + "' is not a number");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw malformed(url, option, "the port " + port + " is out of range");
        }
        return port;
    }

    private static String decode(String part, String url, String option) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(url, option, "a %-escape is broken");
        }
    }

    private static UsageException malformed(String text, String option, String why) {
        return new UsageException(
                option + ": '" + redactOne(text) + "' is not a usable PostgreSQL URL: " + why,
                "write postgresql://USER@HOST:PORT/DATABASE?schema=NAME (the password from PGPASSWORD or"
                        + " ~/.pgpass)");
    }

    /** The URL for people: every part but secrets. */
    @Override
    public String toString() {
        StringBuilder url = new StringBuilder("postgresql://");
        url.append(encode(user)).append('@');
        url.append(host.contains(":") ? "[" + host + "]" : encode(host));
        if (port != DEFAULT_PORT) {
            url.append(':').append(port);
        }
        url.append('/').append(encode(database));
        char sep = '?';
        if (schema != null) {
            url.append("?schema=").append(schema);
            sep = '&';
        }
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!SECRET_PARAMETERS.contains(p.getKey())) {
                url.append(sep).append(p.getKey()).append('=').append(encode(p.getValue()));
                sep = '&';
            }
        }
        return url.toString();
    }

    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
