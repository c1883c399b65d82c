package dev.eventscope.model;

/**
 * Something {@code evs process NAME} feeds events to: a projection (rows of a read-model table) or
 * a handler (an external command, a reactor rule, a Java plugin). Projections and handlers share
 * one namespace.
 */
public sealed interface ProcessorModel permits ProjectionModel, ExecHandlerModel, ReactorModel, PluginHandlerModel {

    ProcessorSettings settings();

    default String name() {
        return settings().name();
    }

    default Subscription subscription() {
        return settings().subscription();
    }

    /** What it is, for messages and listings: projection, exec, reactor or plugin. */
    String kind();

    /**
     * Whether running it has effects outside the store (a command, a plugin): then each event is
     * delivered at least once rather than exactly once.
     */
    default boolean external() {
        return false;
    }
}
