package dev.eventscope.store.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Points the SQLite driver at a native library extracted once, instead of letting it extract its
 * library to a fresh temporary file and compare it byte by byte on every start (ADR 0041).
 *
 * <p>Active only when the launcher names a directory in {@code eventscope.native.dir}; the launcher
 * keys that directory by the jar's and the JVM's checksums, so a file found there came from this
 * very jar. The file is written to a temporary name and moved into place, so a reader never sees a
 * partial library. Any failure leaves the driver's own extraction to do the work.
 */
final class NativeLibrary {

    static final String DIR_PROPERTY = "eventscope.native.dir";

    private static boolean prepared;

    private NativeLibrary() {}

    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank() || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        String name = System.mapLibraryName("sqlitejdbc");
        Path library = Path.of(dir, name);
        try {
            // the fast path asks the driver nothing: its OS detection alone costs a good part of a start
            if (!Files.isRegularFile(library) && !extract(library, name)) {
                return;
            }
            System.setProperty("org.sqlite.lib.path", library.getParent().toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            // the driver extracts its library itself, as it would without a launcher
        }
    }

    private static boolean extract(Path library, String name) throws IOException {
        String resource =
                "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = org.sqlite.SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Files.createDirectories(library.getParent());
            Path tmp = Files.createTempFile(library.getParent(), name, ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return true;
        }
    }
}
