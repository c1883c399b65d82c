package dev.eventscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompletionHelpTest {

    @Test
    void the_zsh_example_names_the_fpath_variable_instead_of_null() {
        // given: picocli reads ${...} in help text as its own variables, and an unknown one as null
        CommandLine cmd =
                Main.commandLine(new Main(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

        // when
        String help = cmd.getSubcommands().get("completion").getUsageMessage(CommandLine.Help.Ansi.OFF);

        // then
        assertThat(help)
                .contains("  evs completion zsh > \"${fpath[1]}/_evs\"         # then restart zsh\n")
                .doesNotContain("null/_evs");
    }
}
