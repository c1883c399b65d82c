package dev.eventscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Arranges a command line before picocli parses it, so that what people type in the order they
 * think of it works, or is refused with a message that says exactly what is wrong.
 *
 * <ul>
 *   <li>A command's own options given before its name ({@code evs -o ndjson events --type X},
 *       {@code evs --at T state ID}) are moved after the name, where picocli expects them. This is
 *       unambiguous: an option the root does not have can only be the command's.
 *   <li>An option before the name that neither the root nor the command has is reported as such,
 *       naming the command whose options were looked at.
 *   <li>{@code --version} before the name is the root's (the tool's version); before a command that
 *       has a {@code --version} of its own (a stream version) that is ambiguous, and refused.
 *   <li>An unknown command is reported with the commands it is close to:
 *       {@code unknown command 'stat'; did you mean 'state' or 'stats'?}.
 * </ul>
 */
final class CommandArguments {

    private CommandArguments() {}

    /**
     * {@code args} in the order picocli needs.
     *
     * @throws CommandLine.ParameterException for an unknown command, an option no command on the
     *     line has, or an ambiguous {@code --version}
     */
    static String[] arrange(CommandLine root, String[] args) {
        CommandLine current = root;
        int commandAt = -1;
        // tokens before the command's name that the command line so far does not know, each with the
        // value it may take (the word after it, when that is not a command)
        List<int[]> foreign = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("-") && a.length() > 1) {
                OptionSpec known = current.getCommandSpec().findOption(name(a));
                if (known == null && flags(current.getCommandSpec(), a)) {
                    i++;
                    continue;
                }
                // the root's --version takes no value, but a command's --version N does: decided once
                // the command is known
                boolean deferred = known != null && known.versionHelp() && current == root;
                if (known != null && !deferred) {
                    i += 1 + (takesValue(known) && !a.contains("=") && i + 1 < args.length ? 1 : 0);
                    continue;
                }
                boolean valueNext = i + 1 < args.length
                        && !args[i + 1].startsWith("-")
                        && !current.getSubcommands().containsKey(args[i + 1]);
                foreign.add(new int[] {i, valueNext ? i + 1 : -1});
                i += valueNext ? 2 : 1;
                continue;
            }
            CommandLine sub = current.getSubcommands().get(a);
            if (sub != null) {
                current = sub;
                commandAt = i;
                i++;
                continue;
            }
            if (current == root
                    || (!current.getSubcommands().isEmpty()
                            && current.getCommandSpec().positionalParameters().isEmpty())) {
                throw unknownCommand(root, current, a);
            }
            break;
        }
        if (commandAt < 0) {
            return args;
        }
        return moveBeforeOptions(root, current, args, commandAt, foreign);
    }

    private static String[] moveBeforeOptions(
            CommandLine root, CommandLine command, String[] args, int commandAt, List<int[]> foreign) {
        CommandSpec spec = command.getCommandSpec();
        String qualified = spec.qualifiedName();
        // the root's --version prints the tool's version; a command with a --version of its own means
        // a stream version: before its name, which is meant cannot be told
        for (int k = 0; k < commandAt; k++) {
            String name = name(args[k]);
            OptionSpec rootOption = root.getCommandSpec().findOption(name);
            if (rootOption != null && rootOption.versionHelp()) {
                OptionSpec own = spec.findOption(name);
                if (own != null && !own.versionHelp()) {
                    throw new CommandLine.ParameterException(
                            command,
                            args[k] + " before the command asks for evs's version; the stream version of '" + qualified
                                    + "' goes after its name: " + qualified + " ... " + name + " N");
                }
            }
        }
        List<String> moved = new ArrayList<>();
        boolean[] skip = new boolean[args.length];
        for (int[] f : foreign) {
            if (f[0] > commandAt) {
                continue;
            }
            String a = args[f[0]];
            OptionSpec option = spec.findOption(name(a));
            OptionSpec rootOption = root.getCommandSpec().findOption(name(a));
            if (rootOption != null && rootOption.versionHelp()) {
                // not the command's (that was refused above): the tool's version, and a stray word
                if (f[1] >= 0) {
                    throw unknownCommand(root, root, args[f[1]]);
                }
                continue;
            }
            if (option == null && flags(spec, a) && f[1] < 0) {
                skip[f[0]] = true;
                moved.add(a);
                continue;
            }
            if (option == null) {
                throw new CommandLine.ParameterException(
                        command,
                        "unknown option '" + name(a) + "': neither evs nor '" + qualified + "' has it",
                        null,
                        a);
            }
            skip[f[0]] = true;
            moved.add(a);
            if (takesValue(option) && !a.contains("=")) {
                if (f[1] < 0) {
                    throw new CommandLine.ParameterException(
                            command, "option '" + name(a) + "' of '" + qualified + "' needs a value");
                }
                skip[f[1]] = true;
                moved.add(args[f[1]]);
            } else if (f[1] >= 0) {
                // a flag took no value: the word after it is no command, so it is an unknown one
                throw unknownCommand(root, root, args[f[1]]);
            }
        }
        if (moved.isEmpty()) {
            return args;
        }
        List<String> arranged = new ArrayList<>();
        for (int k = 0; k < args.length; k++) {
            if (!skip[k]) {
                arranged.add(args[k]);
            }
            if (k == commandAt) {
                arranged.addAll(moved);
            }
        }
        return arranged.toArray(String[]::new);
    }

    private static String name(String arg) {
        int eq = arg.indexOf('=');
        return eq > 0 ? arg.substring(0, eq) : arg;
    }

    /** Whether {@code arg} is a cluster of one-letter flags of {@code spec} ({@code -qv}). */
    private static boolean flags(CommandSpec spec, String arg) {
        if (arg.length() < 3 || arg.startsWith("--") || arg.contains("=")) {
            return false;
        }
        for (int k = 1; k < arg.length(); k++) {
            OptionSpec o = spec.findOption(arg.charAt(k));
            if (o == null || takesValue(o)) {
                return false;
            }
        }
        return true;
    }

    private static boolean takesValue(OptionSpec option) {
        return option.arity().min() > 0;
    }

    /** "unknown command 'stat'; did you mean 'state' or 'stats'?", with the commands close to it. */
    static CommandLine.ParameterException unknownCommand(CommandLine root, CommandLine parent, String word) {
        String prefix =
                parent == root ? "" : parent.getCommandSpec().qualifiedName(" ").replaceFirst("^evs ", "") + " ";
        StringBuilder message = new StringBuilder("unknown command '" + prefix + word + "'");
        if (parent == root && (word.equals("version") || word.equals("help"))) {
            message.append("; did you mean --").append(word).append('?');
        } else {
            List<String> close = close(word, parent.getSubcommands());
            if (!close.isEmpty()) {
                message.append("; did you mean ");
                for (int k = 0; k < close.size(); k++) {
                    if (k > 0) {
                        message.append(k == close.size() - 1 ? " or " : ", ");
                    }
                    message.append('\'').append(prefix).append(close.get(k)).append('\'');
                }
                message.append('?');
            }
        }
        return new CommandLine.ParameterException(parent, message.toString(), null, word);
    }

    /** Commands one or two edits away from {@code word}, or that it begins; at most three, nearest first. */
    static List<String> close(String word, Map<String, CommandLine> commands) {
        List<String> names = new ArrayList<>(commands.keySet());
        names.remove("help");
        int limit = word.length() <= 3 ? 1 : 2;
        List<String> found = new ArrayList<>();
        for (int d = 0; d <= limit; d++) {
            for (String n : names) {
                if (distance(word, n) == d && !found.contains(n)) {
                    found.add(n);
                }
            }
        }
        for (String n : names) {
            if (word.length() >= 2 && n.startsWith(word) && !found.contains(n)) {
                found.add(n);
            }
        }
        return found.size() > 3 ? found.subList(0, 3) : found;
    }

    /** Edits (insert, delete, change, swap two neighbours) from {@code a} to {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int x = 0; x <= a.length(); x++) {
            d[x][0] = x;
        }
        for (int y = 0; y <= b.length(); y++) {
            d[0][y] = y;
        }
        for (int x = 1; x <= a.length(); x++) {
            for (int y = 1; y <= b.length(); y++) {
                int cost = a.charAt(x - 1) == b.charAt(y - 1) ? 0 : 1;
                d[x][y] = Math.min(Math.min(d[x - 1][y] + 1, d[x][y - 1] + 1), d[x - 1][y - 1] + cost);
                if (x > 1 && y > 1 && a.charAt(x - 1) == b.charAt(y - 2) && a.charAt(x - 2) == b.charAt(y - 1)) {
                    d[x][y] = Math.min(d[x][y], d[x - 2][y - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
