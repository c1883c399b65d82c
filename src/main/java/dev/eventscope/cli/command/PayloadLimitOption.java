package dev.eventscope.cli.command;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import picocli.CommandLine.Option;

/** {@code --max-payload SIZE}: the largest payload accepted. */
final class PayloadLimitOption {

    @Option(
            names = "--max-payload",
            paramLabel = "SIZE",
            description = "Largest payload accepted, in bytes of compact JSON; suffixes k and m (default 1m).")
    String maxPayload;

    int bytes() {
        if (maxPayload == null) {
            return EventJson.DEFAULT_MAX_PAYLOAD;
        }
        String t = maxPayload.trim().toLowerCase(java.util.Locale.ROOT);
        long factor = 1;
        if (t.endsWith("k") || t.endsWith("kb") || t.endsWith("kib")) {
            factor = 1024;
        } else if (t.endsWith("m") || t.endsWith("mb") || t.endsWith("mib")) {
            factor = 1024 * 1024;
        }
        String digits = t.replaceAll("[a-z]+$", "");
        try {
            long value = Long.parseLong(digits) * factor;
            if (value < 2 || value > 256L * 1024 * 1024) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--max-payload " + maxPayload + " is not a size from 2 bytes to 256m", "e.g. --max-payload 4m");
        }
    }
}
