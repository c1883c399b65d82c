package dev.eventscope.cli.command;

import picocli.CommandLine.Option;

/** {@code --version N}: a cut of one stream at a stream version. */
final class VersionOption {

    @Option(
            names = "--version",
            paramLabel = "N",
            description =
                    "Cut the stream at stream version N (0: before its first event); past its end is an" + " error.")
    Long version;
}
