package dev.eventscope.cli.command;

import dev.eventscope.cli.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o/--output FORMAT} for commands that list things. */
final class OutputOption {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "Output format: table (default), json, ndjson or csv.")
    String format;

    OutputFormat get() {
        return OutputFormat.parse(
                format,
                OutputFormat.TABLE,
                OutputFormat.TABLE,
                OutputFormat.JSON,
                OutputFormat.NDJSON,
                OutputFormat.CSV);
    }

    OutputFormat get(OutputFormat fallback, OutputFormat... allowed) {
        return OutputFormat.parse(format, fallback, allowed);
    }
}
