package dev.eventscope.cli.console;

/**
 * Whether output is coloured: {@code --color=always} forces it, {@code --color=never} or
 * {@code --no-color} turn it off, and otherwise (auto) it is on only when the output is a terminal
 * and {@code NO_COLOR} is not set to a non-empty value (no-color.org). Command-line flags win over
 * the environment, as that convention asks.
 */
public final class ColorChoice {

    /** The values of {@code --color}. */
    public enum Mode {
        AUTO,
        ALWAYS,
        NEVER
    }

    private ColorChoice() {}

    /**
     * @param mode the {@code --color} value (null: auto)
     * @param noColorFlag {@code --no-color} was given
     * @param noColorEnv the value of {@code NO_COLOR}, or null
     * @param terminal the output goes to a terminal
     */
    public static boolean colored(Mode mode, boolean noColorFlag, String noColorEnv, boolean terminal) {
        if (noColorFlag || mode == Mode.NEVER) {
            return false;
        }
        if (mode == Mode.ALWAYS) {
            return true;
        }
        return terminal && (noColorEnv == null || noColorEnv.isEmpty());
    }
}
