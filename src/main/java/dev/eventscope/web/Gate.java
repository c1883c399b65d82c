package dev.eventscope.web;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who may use the console (ADR 0170): requests must name an allowed host in their Host header (no
 * DNS rebinding), and carry the console's token, first in the URL {@code evs ui} prints, then in an
 * HttpOnly SameSite=Strict cookie; a write must also carry the form's CSRF token and come from the
 * console's own origin. Tokens are compared in constant time. Immutable and thread-safe.
 */
final class Gate {

    /**
     * The start of the name of the cookie that holds the token after the first visit; the port
     * ends it, since browsers keep cookies per host and not per port, and two consoles on one
     * machine must not take each other's cookie.
     */
    static final String COOKIE = "evs_session_";

    /** The query parameter of the printed URL. */
    static final String TOKEN_PARAM = "token";

    /** The form field of a write. */
    static final String CSRF_FIELD = "csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final String csrf;
    private final Set<String> hosts;
    private final String cookieName;

    Gate(String token, String csrf, Set<String> hosts, int port) {
        this.token = token;
        this.csrf = csrf;
        this.hosts = Set.copyOf(hosts);
        this.cookieName = COOKIE + port;
    }

    /** A new random token: 32 bytes from a SecureRandom, URL-safe Base64 without padding. */
    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    String token() {
        return token;
    }

    String csrf() {
        return csrf;
    }

    Set<String> hosts() {
        return hosts;
    }

    /**
     * The Host header values a console bound to {@code bind} on {@code port} answers to: the bound
     * address as an IP literal, and for a loopback or wildcard bind the loopback names as well; for
     * a wildcard bind, every address of the machine's interfaces. Names other than {@code
     * localhost} never: a name can be made to point anywhere (DNS rebinding).
     */
    static Set<String> hostsFor(InetAddress bind, int port) {
        Set<String> literals = new LinkedHashSet<>();
        if (bind.isAnyLocalAddress()) {
            literals.add("localhost");
            literals.add("127.0.0.1");
            literals.add("[::1]");
            try {
                for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(n.getInetAddresses())) {
                        literals.add(literal(a));
                    }
                }
            } catch (SocketException e) {
                // the loopback names still work
            }
        } else {
            literals.add(literal(bind));
            if (bind.isLoopbackAddress()) {
                literals.add("localhost");
                literals.add("127.0.0.1");
                literals.add("[::1]");
            }
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String l : literals) {
            hosts.add(l + ":" + port);
            if (port == 80) {
                hosts.add(l);
            }
        }
        return hosts;
    }

    /** An address as it appears in a URL's authority: IPv6 in brackets, without a scope. */
    static String literal(InetAddress a) {
        String h = a.getHostAddress();
        int scope = h.indexOf('%');
        if (scope >= 0) {
            h = h.substring(0, scope);
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** Whether a Host header names this console. */
    boolean hostAllowed(String host) {
        return host != null && hosts.contains(host.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether the request's Cookie headers carry the token. */
    boolean hasCookie(List<String> cookieHeaders) {
        if (cookieHeaders == null) {
            return false;
        }
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                String p = part.trim();
                if (p.startsWith(cookieName + "=") && same(p.substring(cookieName.length() + 1), token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code given} is the token. */
    boolean isToken(String given) {
        return given != null && same(given, token);
    }

    /** The Set-Cookie header value that keeps the token for the session. */
    String cookie() {
        return cookieName + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /**
     * Whether a write may go ahead: the form's CSRF field is the console's, and the Origin header,
     * when the browser sends one, is the console's own ({@code origins}: scheme and host as
     * allowed).
     */
    boolean writeAllowed(String csrfField, String origin, String host) {
        if (csrfField == null || !same(csrfField, csrf)) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        return hostAllowed(host) && origin.equalsIgnoreCase("http://" + host.trim());
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
