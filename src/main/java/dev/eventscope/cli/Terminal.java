package dev.eventscope.cli;

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

    private static boolean flag(String property) {
        String told = System.getProperty(property);
        if (told != null) {
            return told.equals("1") || told.equalsIgnoreCase("true");
        }
        return System.console() != null;
    }
}
