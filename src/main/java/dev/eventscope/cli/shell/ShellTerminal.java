package dev.eventscope.cli.shell;

import dev.eventscope.engine.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The system terminal for the shell and {@code top}, and the shell's live value sources. */
public final class ShellTerminal {

    private ShellTerminal() {}

    /** The process's terminal, with Ctrl-C delivered as a signal the caller handles. */
    public static Terminal open() {
        try {
            return TerminalBuilder.builder()
                    .system(true)
                    .name("evs")
                    .nativeSignals(true)
                    .signalHandler(Terminal.SignalHandler.SIG_IGN)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live values from the session's store (and model, for aggregate types). */
    public static LiveValues liveValues(Workspace workspace) {
        return new LiveValues()
                .register(
                        LiveValues.Kind.AGGREGATE_ID,
                        (prefix, context, limit) ->
                                workspace.names().aggregateIds(context.aggregateType(), prefix, limit))
                .register(LiveValues.Kind.AGGREGATE_TYPE, (prefix, context, limit) -> {
                    TreeSet<String> types = new TreeSet<>(workspace.names().aggregateTypes(prefix, limit));
                    if (workspace.hasModel()) {
                        try {
                            for (String t : workspace.model().aggregates().keySet()) {
                                if (t.startsWith(prefix)) {
                                    types.add(t);
                                }
                            }
                        } catch (RuntimeException e) {
                            // a model that does not load still leaves the store's types to offer
                        }
                    }
                    List<String> list = new ArrayList<>(types);
                    return list.subList(0, Math.min(limit, list.size()));
                })
                .register(
                        LiveValues.Kind.EVENT_TYPE,
                        (prefix, context, limit) -> workspace.names().eventTypes(prefix, limit));
    }
}
