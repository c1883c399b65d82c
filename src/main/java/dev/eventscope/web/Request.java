package dev.eventscope.web;

import dev.eventscope.error.UsageException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the pages see it: the method, the path, and the parameters of the query string
 * (and of a form body), decoded as UTF-8. A parameter that is given several times keeps every
 * value; blank values count as not given.
 */
final class Request {

    /** The longest value a parameter may have (a what-if event, an SQL-like condition). */
    static final int MAX_VALUE = 256 * 1024;

    private final String method;
    private final String path;
    private final Map<String, List<String>> params;

    Request(String method, String path, Map<String, List<String>> params) {
        this.method = method;
        this.path = path;
        this.params = params;
    }

    /** The request of {@code method} for {@code uri}, with the form {@code body} (null: none). */
    static Request of(String method, URI uri, String body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        parse(uri.getRawQuery(), params);
        parse(body, params);
        return new Request(method, uri.getRawPath(), params);
    }

    /**
     * Reads {@code application/x-www-form-urlencoded} text into {@code params}.
     *
     * @throws UsageException when an escape is malformed or a value is too long
     */
    static void parse(String text, Map<String, List<String>> params) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value.length() > MAX_VALUE) {
                throw new UsageException(
                        "the parameter " + Html.clip(name, 40) + " is longer than " + MAX_VALUE + " characters");
            }
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException("a parameter is not properly percent-encoded", "encode % as %25");
        }
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    /** The last value given for {@code name}, trimmed, or null when none or blank. */
    String one(String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        String s = v.get(v.size() - 1).trim();
        return s.isEmpty() ? null : s;
    }

    /** The last value given for {@code name} exactly as given (not trimmed), or null when none or empty. */
    String raw(String name) {
        List<String> v = params.get(name);
        if (v == null || v.isEmpty() || v.get(v.size() - 1).isEmpty()) {
            return null;
        }
        return v.get(v.size() - 1);
    }

    /** Every non-blank value given for {@code name}, trimmed, in order. */
    List<String> all(String name) {
        List<String> out = new ArrayList<>();
        for (String s : params.getOrDefault(name, List.of())) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** {@code name} as a whole number, or null when not given. */
    Long number(String name) {
        String s = one(name);
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UsageException(
                    Html.clip(name, 40) + " must be a whole number, got " + Html.clip(s, 40), "e.g. " + name + "=10");
        }
    }

    /** {@code name} as a whole number from {@code min} to {@code max}, {@code dflt} when not given. */
    int number(String name, int dflt, int min, int max) {
        Long n = number(name);
        if (n == null) {
            return dflt;
        }
        if (n < min || n > max) {
            throw new UsageException(name + " must be from " + min + " to " + max + ", got " + n);
        }
        return n.intValue();
    }

    /** Whether {@code name} was given as a checked box ({@code on}, {@code true} or {@code 1}). */
    boolean flag(String name) {
        String s = one(name);
        return s != null && (s.equals("on") || s.equals("true") || s.equals("1"));
    }
}
