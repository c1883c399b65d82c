package dev.eventscope.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Option values that name their content: inline JSON, {@code @FILE}, or {@code -} for stdin. */
final class InputFiles {

    private InputFiles() {}

    /** The bytes of {@code FILE} or, for {@code -}, of standard input. */
    static byte[] read(String name, String option) {
        try {
            if (name.equals("-")) {
                return System.in.readAllBytes();
            }
            return Files.readAllBytes(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new NotFoundException(option + ": no file " + name, "check the path");
        } catch (IOException e) {
            throw new StoreIoException(option + ": cannot read " + name + ": " + e.getMessage(), "check the path");
        }
    }

    /** Inline JSON, {@code @FILE} or {@code -}, parsed strictly. */
    static JsonNode json(String value, String option) {
        byte[] bytes;
        if (value.equals("-")) {
            bytes = read("-", option);
        } else if (value.startsWith("@")) {
            bytes = read(value.substring(1), option);
        } else {
            bytes = value.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Json.parse(bytes, 0, bytes.length);
        } catch (IOException e) {
            String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage()
                    : e.getMessage();
            throw new InvalidInputException(option + " is not valid JSON: " + reason, "pass a JSON object");
        }
    }
}
