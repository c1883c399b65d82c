package dev.eventscope.cli.command;

import dev.eventscope.engine.CutSpec;
import picocli.CommandLine.Option;

/** The cut options of replay commands: {@code --at}, {@code --as-of}, {@code --position}. */
final class CutOptions {

    @Option(
            names = "--at",
            paramLabel = "TIME",
            description = "Valid time: fold the events whose timestamp is at or before TIME (ISO-8601, a date,"
                    + " or a time ago such as 2h).")
    String at;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description = "Record time: only events the store had recorded at TIME. Combines with --at.")
    String asOf;

    @Option(
            names = "--position",
            paramLabel = "P",
            description = "Only events up to global position P. Combines with --at.")
    Long position;

    /** The cut these options (and a stream {@code version}, null: none) describe. */
    CutSpec spec(Long version) {
        return new CutSpec(at, asOf, version, position);
    }
}
