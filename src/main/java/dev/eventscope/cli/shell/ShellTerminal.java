package dev.eventscope.cli.shell;

import dev.eventscope.engine.NameService;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Live values from the session's store and model. */
    public static LiveValues liveValues(NameService names) {
        return new LiveValues()
                .register(
                        LiveValues.Kind.AGGREGATE_ID,
                        (prefix, context, limit) -> names.aggregateIds(context.aggregateType(), prefix, limit))
                .register(
                        LiveValues.Kind.AGGREGATE_TYPE, (prefix, context, limit) -> names.aggregateTypes(prefix, limit))
                .register(LiveValues.Kind.EVENT_TYPE, (prefix, context, limit) -> names.eventTypes(prefix, limit))
                .register(LiveValues.Kind.COMMAND_TYPE, (prefix, context, limit) -> names.commandTypes(prefix, limit))
                .register(LiveValues.Kind.HANDLER, (prefix, context, limit) -> names.processors(prefix, limit))
                .register(LiveValues.Kind.SAGA, (prefix, context, limit) -> names.sagas(prefix, limit))
                .register(
                        LiveValues.Kind.SAGA_INSTANCE,
                        (prefix, context, limit) -> names.sagaInstances(context.saga(), prefix, limit));
    }
}
