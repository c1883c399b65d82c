package dev.eventscope.cli.command;

/**
 * A command whose output can be long: on a terminal it goes through $PAGER (default
 * {@code less -FRX}) unless {@code --no-pager}. See {@link dev.eventscope.cli.console.Pager}.
 */
public interface Paged {

    /** False when this run's output must not be paged (e.g. a live {@code --follow}). */
    default boolean paged() {
        return true;
    }
}
