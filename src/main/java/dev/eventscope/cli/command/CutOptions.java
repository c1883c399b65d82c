package dev.eventscope.cli.command;

import dev.eventscope.event.Cut;
import dev.eventscope.replay.Cuts;
import java.time.Instant;
import java.time.ZoneId;
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

    Cut cut(ZoneId zone, Instant now, Long version) {
        return new Cuts(zone, now).of(at, asOf, version, position);
    }
}
