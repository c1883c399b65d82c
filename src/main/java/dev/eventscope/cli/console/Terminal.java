package dev.eventscope.cli.console;

/**
 * What the process knows about its terminal. The launcher tells (it can ask the shell cheaply);
 * without it, a console means stdin and stdout are a terminal.
 */
public final class Terminal {

    private Terminal() {}

    public static boolean stdoutIsTerminal() {
        return flag("eventscope.stdout.tty");
    }

    public static boolean stderrIsTerminal() {
        return flag("eventscope.stderr.tty");
    }

    /** Whether standard input is a terminal (the launcher tells; else a console means it is). */
    public static boolean stdinIsTerminal() {
        return flag("eventscope.stdin.tty");
    }

    /**
     * The terminal's width in columns when the launcher measured it (it does for help on a
     * terminal, with {@code stty size}), else 0.
     */
    public static int columns() {
        return Math.max(0, Integer.getInteger("eventscope.columns", 0));
    }

    /** The width to lay output out in: $COLUMNS when set, else 100. */
    public static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("\\d{2,4}")) {
            return Integer.parseInt(columns);
        }
        return 100;
    }

    private static boolean flag(String property) {
        String told = System.getProperty(property);
        if (told != null) {
            return told.equals("1") || told.equalsIgnoreCase("true");
        }
        return System.console() != null;
    }
}
