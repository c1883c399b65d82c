package dev.eventscope.store.sqlite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The JDBC URL of a store file. The file's absolute path goes into a percent-encoded {@code file:}
 * URI, so that every name means that file on disk: the driver would otherwise read {@code :memory:}
 * as an in-memory database (writes acknowledged, then gone) and everything after a {@code ?} as
 * connection settings (a different file, with pragmas nobody asked for).
 */
final class SqliteUrl {

    private static final String PLAIN = "/-._~";

    private SqliteUrl() {}

    static String of(Path file) {
        StringBuilder url = new StringBuilder("jdbc:sqlite:file:");
        for (byte b : file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || PLAIN.indexOf(c) >= 0) {
                url.append((char) c);
            } else {
                url.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return url.toString();
    }
}
