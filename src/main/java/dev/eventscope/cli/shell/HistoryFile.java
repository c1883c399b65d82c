package dev.eventscope.cli.shell;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where the shell keeps its history: {@code $XDG_STATE_HOME/eventscope/history}, by default
 * {@code ~/.local/state/eventscope/history} (the XDG base directory spec's place for state that
 * should persist but is not worth backing up). Commands can carry ids and payloads, so the file is
 * made readable by its owner only (0600, in a 0700 directory).
 */
public final class HistoryFile {

    private HistoryFile() {}

    /** The history file for {@code env}; null when neither XDG_STATE_HOME nor HOME says where. */
    public static Path locate(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return Path.of(state, "eventscope", "history");
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            return null;
        }
        return Path.of(home, ".local", "state", "eventscope", "history");
    }

    /**
     * Creates the file (and its directory) owner-only when missing, and makes an existing one
     * owner-only; false when that is not possible (then the shell keeps no history).
     */
    public static boolean prepare(Path file) {
        try {
            Path dir = file.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                setPermissions(dir, "rwx------");
            }
            try {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                // kept from an earlier session
            }
            setPermissions(file, "rw-------");
            return Files.isWritable(file);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    static void setPermissions(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the user's profile directory protects it
        }
    }
}
