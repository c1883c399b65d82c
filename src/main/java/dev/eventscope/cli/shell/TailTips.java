package dev.eventscope.cli.shell;

import org.jline.console.CmdDesc;
import org.jline.reader.LineReader;
import org.jline.widget.TailTipWidgets;
import picocli.CommandLine.Model.CommandSpec;
import picocli.shell.jline3.PicocliCommands;

/**
 * Tail tips: while a command is typed, the arguments it still takes show after the cursor (JLine's
 * TailTipWidgets, fed by picocli-shell-jline3's descriptions of the same command tree).
 */
final class TailTips {

    private TailTips() {}

    static void install(LineReader reader, CommandSpec tree) {
        PicocliCommands commands = new PicocliCommands(tree.commandLine());
        TailTipWidgets tips = new TailTipWidgets(
                reader,
                line -> {
                    try {
                        CmdDesc d = commands.commandDescription(line.getArgs());
                        return d;
                    } catch (RuntimeException e) {
                        // a line picocli cannot describe (an unknown command) shows no tip
                        return null;
                    }
                },
                // no description pane at the bottom: only the tips after the cursor
                0,
                TailTipWidgets.TipType.COMPLETER);
        tips.enable();
    }
}
