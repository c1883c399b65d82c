package dev.eventscope.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's assets, from the jar: a fixed list of names, each with its content type. Nothing
 * else is served as a file: there is no directory to list and no path to walk up.
 */
final class Assets {

    private static final Map<String, String> TYPES = Map.of(
            "/assets/console.css", "text/css; charset=utf-8",
            "/assets/console.js", "text/javascript; charset=utf-8",
            "/assets/favicon.svg", "image/svg+xml");

    private Assets() {}

    static boolean has(String path) {
        return TYPES.containsKey(path);
    }

    static Response get(String path) {
        String name = path.substring("/assets/".length());
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the asset " + name + " is missing from the jar");
            }
            return new Response(200, TYPES.get(path), in.readAllBytes(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
