package dev.eventscope.cli.shell;

import java.lang.reflect.AnnotatedElement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Values the shell offers for an argument, looked up live: aggregate ids, aggregate types and
 * event types from the store, command types, processors (projections, handlers, sagas) and sagas
 * from the model, saga instance ids from the store's events, and (when a source is registered)
 * dead-letter ids. Prefix-matched and capped at {@link #LIMIT}.
 */
public final class LiveValues {

    /** What an argument names. */
    public enum Kind {
        AGGREGATE_ID,
        AGGREGATE_TYPE,
        EVENT_TYPE,
        HANDLER,
        DEAD_LETTER,
        COMMAND_TYPE,
        /** A saga of the model. */
        SAGA,
        /** An instance id of the saga named earlier on the line. */
        SAGA_INSTANCE
    }

    /** Finds values of one kind starting with a prefix. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param prefix what was typed so far
         * @param context the other arguments on the line, e.g. {@code --aggregate-type} to narrow ids
         */
        List<String> find(String prefix, Context context, int limit);
    }

    /**
     * What else the line says, for sources that narrow by it: the {@code --aggregate-type} given,
     * the saga named (whose instances an instance id is one of).
     */
    public record Context(String aggregateType, String saga) {

        public Context(String aggregateType) {
            this(aggregateType, null);
        }
    }

    /** At most this many values are offered. */
    public static final int LIMIT = 50;

    private final Map<Kind, Source> sources = new EnumMap<>(Kind.class);

    /** Adds (or replaces) the source of {@code kind}: the hook for handler names and dead letters. */
    public LiveValues register(Kind kind, Source source) {
        sources.put(kind, source);
        return this;
    }

    /** Values of {@code kind} starting with {@code prefix}; none when no source is registered. */
    public List<String> find(Kind kind, String prefix, Context context) {
        Source source = sources.get(kind);
        return source == null ? List.of() : source.find(prefix, context, LIMIT);
    }

    /** The kind of values {@code arg} takes, or null: its {@link Completes} mark, else its option name. */
    public static Kind kindOf(ArgSpec arg) {
        if (arg.userObject() instanceof AnnotatedElement element) {
            Completes mark = element.getAnnotation(Completes.class);
            if (mark != null) {
                return mark.value();
            }
        }
        if (arg instanceof OptionSpec option) {
            switch (option.longestName()) {
                case "--aggregate-id":
                    return Kind.AGGREGATE_ID;
                case "--aggregate-type":
                    return Kind.AGGREGATE_TYPE;
                case "--type":
                case "--event-type":
                    return Kind.EVENT_TYPE;
                case "--handler":
                    return Kind.HANDLER;
                case "--saga":
                    return Kind.SAGA;
                default:
                    return null;
            }
        }
        return null;
    }
}
