package dev.eventscope.cli.command;

import dev.eventscope.cli.render.OutputFormat;
import java.util.List;

/**
 * {@code -o/--output FORMAT} of a command that lists or reports things. Each kind is a mixin of
 * its own whose help names exactly the formats the command takes and its real default (a test runs
 * every command with every format its help advertises).
 */
abstract class Output {

    /** The value given, or null. */
    abstract String text();

    /** The format without {@code -o}. */
    abstract OutputFormat fallback();

    /** The formats taken, the default first. */
    abstract List<OutputFormat> formats();

    /** The format asked for (the default without {@code -o}); a usage error for another. */
    OutputFormat get() {
        return OutputFormat.parse(text(), fallback(), formats().toArray(new OutputFormat[0]));
    }

    /** Whether {@code -o} was given. */
    boolean given() {
        return text() != null;
    }

    /** table (the default), json, ndjson or csv: for lists. */
    static final class Lists extends Output {
        @picocli.CommandLine.Option(
                names = {"-o", "--output"},
                paramLabel = "FORMAT",
                description = "Output format: table (default), json, ndjson or csv.")
        String format;

        @Override
        String text() {
            return format;
        }

        @Override
        OutputFormat fallback() {
            return OutputFormat.TABLE;
        }

        @Override
        List<OutputFormat> formats() {
            return List.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.CSV);
        }
    }

    /** table (the default), json or ndjson: for a report of one thing. */
    static final class Reports extends Output {
        @picocli.CommandLine.Option(
                names = {"-o", "--output"},
                paramLabel = "FORMAT",
                description = "Output format: table (default), json or ndjson.")
        String format;

        @Override
        String text() {
            return format;
        }

        @Override
        OutputFormat fallback() {
            return OutputFormat.TABLE;
        }

        @Override
        List<OutputFormat> formats() {
            return List.of(OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.NDJSON);
        }
    }

    /** table (the default) or json. */
    static final class TableOrJson extends Output {
        @picocli.CommandLine.Option(
                names = {"-o", "--output"},
                paramLabel = "FORMAT",
                description = "Output format: table (default) or json.")
        String format;

        @Override
        String text() {
            return format;
        }

        @Override
        OutputFormat fallback() {
            return OutputFormat.TABLE;
        }

        @Override
        List<OutputFormat> formats() {
            return List.of(OutputFormat.TABLE, OutputFormat.JSON);
        }
    }

    /** json (the default), ndjson or table: for one document. */
    static final class Documents extends Output {
        @picocli.CommandLine.Option(
                names = {"-o", "--output"},
                paramLabel = "FORMAT",
                description = "Output format: json (default), ndjson or table.")
        String format;

        @Override
        String text() {
            return format;
        }

        @Override
        OutputFormat fallback() {
            return OutputFormat.JSON;
        }

        @Override
        List<OutputFormat> formats() {
            return List.of(OutputFormat.JSON, OutputFormat.NDJSON, OutputFormat.TABLE);
        }
    }
}
