package dev.eventscope.cli.shell;

import org.jline.terminal.Terminal;

/**
 * What commands see of the {@code evs shell} session that runs them: its terminal (for full-screen
 * commands such as {@code top}; null when the session reads a script from a pipe).
 */
public final class Session {

    private final Terminal terminal;

    public Session(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The session's terminal, or null in a piped session. */
    public Terminal terminal() {
        return terminal;
    }
}
