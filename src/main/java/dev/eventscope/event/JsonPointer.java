package dev.eventscope.event;

/**
 * JSON Pointer (RFC 6901) tokens: the one escaper of the code base, used for patch paths, spec
 * differences and the locations of model problems. In a token {@code ~} is written {@code ~0} and
 * {@code /} is written {@code ~1}.
 */
public final class JsonPointer {

    private JsonPointer() {}

    /** The token for an object key. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The key a token stands for. */
    public static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    /** {@code pointer} extended by one key ({@code ""} is the whole document). */
    public static String child(String pointer, String key) {
        return pointer + "/" + escape(key);
    }
}
