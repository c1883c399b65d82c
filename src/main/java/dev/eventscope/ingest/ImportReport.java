package dev.eventscope.ingest;

import java.time.Duration;

/**
 * What an import did: lines read, events written, events skipped because they were stored
 * already, lines rejected as invalid (only with {@code --skip-invalid}), and the transactions used.
 */
public record ImportReport(
        String source, long lines, long imported, long skipped, long rejected, long batches, Duration elapsed) {}
