package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.event.Json;
import dev.eventscope.model.spi.AggregatePlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A reducer supplied in code: checks its result like a JSLT reducer's. */
final class PluginReducer implements Reducer {

    private final AggregatePlugin plugin;
    private final RuleSource source;
    private String definition;

    PluginReducer(AggregatePlugin plugin) {
        this.plugin = plugin;
        this.source = RuleSource.code("plugin " + plugin.getClass().getName(), plugin.aggregateType());
    }

    @Override
    public RuleSource source() {
        return source;
    }

    @Override
    public JsonNode reduce(JsonNode state, JsonNode event) {
        JsonNode result;
        try {
            result = plugin.apply(state, event);
        } catch (RuntimeException e) {
            throw new RuleFailure(source, source.at(), "threw " + e, e);
        }
        if (result == null || !result.isObject()) {
            throw new RuleFailure(
                    source,
                    source.at(),
                    "must return an object, got " + (result == null ? "null" : Json.kind(result)),
                    null);
        }
        try {
            return Numbers.normalize(result);
        } catch (Numbers.NotFinite e) {
            throw new RuleFailure(source, source.at(), e.getMessage(), null);
        }
    }

    @Override
    public String definition() {
        if (definition == null) {
            String version = plugin.version();
            definition = "plugin:" + plugin.getClass().getName()
                    + (version != null && !version.isBlank() ? "@" + version : "#" + codeDigest(plugin.getClass()));
        }
        return definition;
    }

    /**
     * A SHA-256 of the code a plugin class came from: its jar, or (loaded from a directory, as in
     * tests) its class file. Without a declared version this is what tells one build from another.
     */
    static String codeDigest(Class<?> type) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            CodeSource source = type.getProtectionDomain().getCodeSource();
            Path jar = source == null || source.getLocation() == null ? null : pathOf(source.getLocation());
            if (jar != null && Files.isRegularFile(jar)) {
                try (InputStream in = Files.newInputStream(jar)) {
                    return HexFormat.of().formatHex(digest(sha, in));
                }
            }
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                return in == null ? "unknown" : HexFormat.of().formatHex(digest(sha, in));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code of plugin " + type.getName(), e);
        }
    }

    private static Path pathOf(URL location) {
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private static byte[] digest(MessageDigest sha, InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha.update(buffer, 0, n);
        }
        return sha.digest();
    }
}
