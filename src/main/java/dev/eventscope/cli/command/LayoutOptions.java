package dev.eventscope.cli.command;

import dev.eventscope.cli.render.EventFields;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -x/--vertical} and {@code --fields}: how a list of events is laid out. */
final class LayoutOptions {

    @Option(
            names = {"-x", "--vertical"},
            description = "One field per line, each event under its own rule: for wide events.")
    boolean vertical;

    @Option(
            names = "--fields",
            paramLabel = "LIST",
            description = "Columns (table, csv) or lines (-x) to show, comma-separated: position, eventId, type,"
                    + " stream, aggregateType, aggregateId, version, eventVersion, timestamp, recordedAt,"
                    + " correlationId, causationId, userId, payload, metadata, hash.")
    String fields;

    /** The chosen fields, or null for the format's defaults. */
    List<EventFields> fields() {
        return fields == null ? null : EventFields.parse(fields);
    }
}
