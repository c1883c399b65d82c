package dev.eventscope.cli.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.AutoComplete;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion in {@code evs shell}: commands, options and fixed values from the picocli command
 * tree (the same tree as on the command line), the shell's own words ({@code exit}, {@code clear})
 * in first position, and live values from the store for arguments that name aggregates, types,
 * handlers, sagas, saga instances or dead letters. An aggregate id on a line that names a saga
 * ({@code whatif --saga S ID}) is an instance id of that saga. A failure to look values up (no store yet, store busy) completes
 * nothing rather than disturbing the prompt.
 */
public final class ShellCompleter implements Completer {

    private final CommandSpec root;
    private final List<String> extras;
    private final LiveValues live;

    public ShellCompleter(CommandSpec root, List<String> extras, LiveValues live) {
        this.root = root;
        this.extras = List.copyOf(extras);
        this.live = live;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word =
                line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        for (String value : values(words, index, word)) {
            boolean option = value.startsWith("-");
            candidates.add(new Candidate(value, value, null, null, null, null, !option || !value.endsWith("=")));
        }
    }

    /** Every completion of {@code word} (typed so far) at word {@code index} of {@code words}. */
    public List<String> values(List<String> words, int index, String word) {
        Set<String> out = new LinkedHashSet<>();
        if (index == 0) {
            for (String e : extras) {
                if (e.startsWith(word)) {
                    out.add(e);
                }
            }
        }
        String[] args = words.toArray(new String[0]);
        if (index < args.length) {
            args[index] = word;
        }
        List<CharSequence> suffixes = new ArrayList<>();
        AutoComplete.complete(root, args, index, word.length(), 0, suffixes);
        for (CharSequence suffix : suffixes) {
            out.add(word + suffix);
        }
        out.addAll(live(words, index, word));
        return new ArrayList<>(out);
    }

    private List<String> live(List<String> words, int index, String word) {
        CommandSpec spec = root;
        int positional = 0;
        String aggregateType = null;
        String saga = null;
        ArgSpec pending = null;
        for (int i = 0; i < index && i < words.size(); i++) {
            String w = words.get(i);
            if (pending != null) {
                if (pending instanceof OptionSpec o && o.longestName().equals("--aggregate-type")) {
                    aggregateType = w;
                } else if (LiveValues.kindOf(pending) == LiveValues.Kind.SAGA) {
                    saga = w;
                }
                pending = null;
                continue;
            }
            if (positional == 0 && spec.subcommands().containsKey(w)) {
                spec = spec.subcommands().get(w).getCommandSpec();
                continue;
            }
            if (w.startsWith("-") && w.length() > 1) {
                int eq = w.indexOf('=');
                OptionSpec o = spec.findOption(eq > 0 ? w.substring(0, eq) : w);
                if (o != null && eq < 0 && o.arity().max() > 0) {
                    pending = o;
                } else if (o != null && eq > 0 && o.longestName().equals("--aggregate-type")) {
                    aggregateType = w.substring(eq + 1);
                } else if (o != null && eq > 0 && LiveValues.kindOf(o) == LiveValues.Kind.SAGA) {
                    saga = w.substring(eq + 1);
                }
                continue;
            }
            PositionalParamSpec named = positionalAt(spec, positional);
            if (named != null && LiveValues.kindOf(named) == LiveValues.Kind.SAGA) {
                saga = w;
            }
            positional++;
        }
        ArgSpec target = pending;
        String prefix = word;
        String head = "";
        if (target == null && word.startsWith("--") && word.contains("=")) {
            int eq = word.indexOf('=');
            target = spec.findOption(word.substring(0, eq));
            head = word.substring(0, eq + 1);
            prefix = word.substring(eq + 1);
        } else if (target == null && !word.startsWith("-")) {
            target = positionalAt(spec, positional);
        }
        if (target == null) {
            return List.of();
        }
        LiveValues.Kind kind = LiveValues.kindOf(target);
        if (kind == null) {
            return List.of();
        }
        if (kind == LiveValues.Kind.AGGREGATE_ID && saga != null) {
            kind = LiveValues.Kind.SAGA_INSTANCE;
        }
        List<String> found;
        try {
            found = live.find(kind, prefix, new LiveValues.Context(aggregateType, saga));
        } catch (RuntimeException e) {
            // no store yet, or busy: completion offers nothing rather than an error at the prompt
            return List.of();
        }
        List<String> out = new ArrayList<>(found.size());
        for (String f : found) {
            out.add(head + f);
        }
        return out;
    }

    private static PositionalParamSpec positionalAt(CommandSpec spec, int n) {
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().contains(n)) {
                return p;
            }
        }
        return null;
    }
}
