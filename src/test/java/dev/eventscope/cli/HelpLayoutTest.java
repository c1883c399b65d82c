package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help text as written in the commands' annotations, for a reader at 80 columns. */
class HelpLayoutTest {

    @Test
    void every_indented_line_of_a_help_fits_80_columns_so_picocli_never_wraps_it_to_column_0() {
        // given: every command, in full
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandLine root = Main.commandLine(new Main(), sink, sink);

        // when: the lines laid out by hand (examples, tables), which picocli wraps without indent
        List<String> tooLong = new ArrayList<>();
        collect(root, tooLong);

        // then
        assertThat(tooLong).isEmpty();
    }

    private static void collect(CommandLine cmd, List<String> tooLong) {
        CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        List<String> lines = new ArrayList<>(List.of(usage.description()));
        lines.addAll(List.of(usage.footer()));
        for (String line : lines) {
            if (line.startsWith("  ") && line.length() > 80) {
                tooLong.add(cmd.getCommandSpec().qualifiedName() + ": " + line);
            }
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == cmd.getCommandSpec()) {
                collect(sub, tooLong);
            }
        }
    }
}
