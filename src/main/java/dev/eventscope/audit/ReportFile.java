package dev.eventscope.audit;

import dev.eventscope.error.StoreIoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a report file whole or not at all: into a temporary file next to it, then renamed over
 * it, so a reader (or a crash) never sees half a report.
 */
public final class ReportFile {

    private ReportFile() {}

    public static void write(Path file, String content) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            // a name of our own rather than createTempFile, whose owner-only permissions would stay
            // with the report after the rename; a new file gets the usual ones (umask)
            temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(temp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write failed already; that is the error to report
                }
            }
            throw new StoreIoException(
                    "cannot write the report " + file + ": " + e.getMessage(),
                    "check that the directory exists and is writable");
        }
    }
}
