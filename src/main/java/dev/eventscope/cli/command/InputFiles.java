package dev.eventscope.cli.command;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.ingest.EventParts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Option values that name their content: inline JSON, {@code @FILE}, or {@code -} for stdin. */
final class InputFiles {

    private InputFiles() {}

    /**
     * The bytes of {@code FILE} or, for {@code -}, of standard input; at most {@code maxBytes}, so
     * a huge or endless input is refused rather than read into memory.
     */
    static byte[] read(String name, String option, int maxBytes, String hint) {
        byte[] bytes;
        try {
            if (name.equals("-")) {
                bytes = System.in.readNBytes(maxBytes + 1);
            } else {
                try (InputStream in = Files.newInputStream(Path.of(name))) {
                    bytes = in.readNBytes(maxBytes + 1);
                }
            }
        } catch (NoSuchFileException e) {
            throw new NotFoundException(option + ": no file " + name, "check the path");
        } catch (IOException e) {
            throw new StoreIoException(option + ": cannot read " + name + ": " + e.getMessage(), "check the path");
        }
        if (bytes.length > maxBytes) {
            throw new InvalidInputException(
                    option + " " + (name.equals("-") ? "standard input" : name) + " is longer than the limit of "
                            + maxBytes + " bytes",
                    hint);
        }
        return bytes;
    }

    /**
     * Inline JSON, {@code @FILE} or {@code -}, at most {@code maxBytes}: the bytes, for the core to
     * parse ({@link dev.eventscope.ingest.EventInput#fromParts}).
     */
    static EventParts.Document document(String value, String option, int maxBytes) {
        String hint = "the limit is twice --max-payload plus 128 KiB; pass a larger --max-payload for bigger documents";
        byte[] bytes;
        if (value.equals("-")) {
            bytes = read("-", option, maxBytes, hint);
        } else if (value.startsWith("@")) {
            bytes = read(value.substring(1), option, maxBytes, hint);
        } else {
            bytes = value.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > maxBytes) {
                throw new InvalidInputException(
                        option + " is " + bytes.length + " bytes, longer than the limit of " + maxBytes + " bytes",
                        hint);
            }
        }
        return new EventParts.Document(option, bytes);
    }
}
