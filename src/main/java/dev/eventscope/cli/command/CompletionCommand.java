package dev.eventscope.cli.command;

import dev.eventscope.error.UsageException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code evs completion bash|zsh}: a shell completion script for the command tree. */
@Command(
        name = "completion",
        description = {
            "Print a completion script for bash or zsh: commands, options and fixed option values of every"
                    + " command (picocli AutoComplete). Values from the store (aggregate ids, event types) are"
                    + " completed inside 'evs shell'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(evs completion bash)                   # this bash session",
            "  evs completion bash > ~/.local/share/bash-completion/completions/evs",
            "  evs completion zsh > \"$${fpath[1]}/_evs\"         # then restart zsh",
        })
public final class CompletionCommand extends BaseCommand {

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("evs", spec.root().commandLine());
        switch (shell) {
            case "bash":
                out().print(script);
                break;
            case "zsh":
                // zsh runs the bash script through bashcompinit; the script loads it when it sees zsh
                out().print("#compdef evs\n" + script);
                break;
            default:
                throw new UsageException("no completion script for '" + shell + "'", "use bash or zsh");
        }
        out().flush();
        return 0;
    }
}
