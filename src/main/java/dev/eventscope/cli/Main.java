package dev.eventscope.cli;

import dev.eventscope.cli.command.AppendCommand;
import dev.eventscope.cli.command.EventsCommand;
import dev.eventscope.cli.command.ExportCommand;
import dev.eventscope.cli.command.HeadCommand;
import dev.eventscope.cli.command.ImportCommand;
import dev.eventscope.cli.command.InitCommand;
import dev.eventscope.cli.command.ShowCommand;
import dev.eventscope.cli.command.StreamsCommand;
import dev.eventscope.cli.command.VerifyCommand;
import dev.eventscope.engine.Workspace;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Times;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code evs} command: global options, the command tree, and the process entry point. */
@Command(
        name = "evs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Eventscope: an event store and forensics tool over one SQLite file.",
        description = {
            "Events live in one SQLite file (--db, default ./events.db). Append and import them, list and"
                    + " inspect them, verify the hash chain that makes them tamper-evident.",
            ""
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a check ran and found problems (verify, lint, upcast check, test, dlq retry)",
            "2:usage error",
            "3:conflict: wrong expected version, or an eventId reused with different content",
            "65:invalid input data (malformed JSON, bad timestamp, schema violation); nothing written",
            "66:not found (store file, stream, event, handler)",
            "70:internal error (a bug: stack trace printed)",
            "74:I/O error or damaged store (disk full, read-only, corrupt file)",
            "75:store busy past the timeout (retry later)",
            "130:interrupted (Ctrl-C)"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  EVENTSCOPE_DB      store file when --db is not given",
            "  EVENTSCOPE_MODEL   model file when --model is not given",
            "  NO_COLOR           no colour in output",
            "",
            "Run 'evs COMMAND --help' for a command's options and examples."
        })
public final class Main implements Runnable {

    /**
     * The commands, in the order {@code --help} lists them. Registered with picocli only when a run
     * needs them (see {@link #commandLine(Main, PrintWriter, PrintWriter, String[])}): building a
     * command's model costs a few milliseconds of reflection each, most of a short command's start.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> c = new LinkedHashMap<>();
        c.put("init", InitCommand.class);
        c.put("append", AppendCommand.class);
        c.put("import", ImportCommand.class);
        c.put("export", ExportCommand.class);
        c.put("events", EventsCommand.class);
        c.put("show", ShowCommand.class);
        c.put("streams", StreamsCommand.class);
        c.put("verify", VerifyCommand.class);
        c.put("head", HeadCommand.class);
        return Collections.unmodifiableMap(c);
    }

    /** Commands that reach the others (help lists them; a shell runs them). */
    private static final Set<String> NEEDS_ALL = Set.of("help", "shell");

    /** Global options that take a value, so their value is not taken for a command name. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--db", "--model", "--tz");

    @Option(
            names = "--db",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Store file (default: $EVENTSCOPE_DB, else ./events.db).")
    Path db;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Model file (default: $EVENTSCOPE_MODEL, else ./eventscope.yaml when present).")
    Path model;

    @Option(
            names = "--tz",
            paramLabel = "ZONE",
            scope = ScopeType.INHERIT,
            description = "Zone for timestamps given without an offset, e.g. Europe/Amsterdam.")
    String tz;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colour (also: NO_COLOR).")
    boolean noColor;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print results only: no summaries or warnings.")
    boolean quiet;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Say more about what happens.")
    boolean verbose;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean stacktrace;

    private Workspace workspace;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /** The workspace for this invocation, created on first use from the global options. */
    public Workspace workspace() {
        if (workspace == null) {
            workspace = new Workspace(settings());
        }
        return workspace;
    }

    private Workspace.Settings settings() {
        Path file = db;
        if (file == null) {
            String env = System.getenv("EVENTSCOPE_DB");
            file = Path.of(env == null || env.isBlank() ? "events.db" : env);
        }
        Path modelFile = model;
        if (modelFile == null) {
            String env = System.getenv("EVENTSCOPE_MODEL");
            if (env != null && !env.isBlank()) {
                modelFile = Path.of(env);
            }
        }
        ZoneId zone = null;
        if (tz != null) {
            try {
                zone = Times.zone(tz);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--tz: " + e.getMessage(), "use an IANA zone id such as Europe/Amsterdam");
            }
        }
        return new Workspace.Settings(file, modelFile, zone, busyTimeout(), EventJson.DEFAULT_MAX_PAYLOAD);
    }

    private static Duration busyTimeout() {
        String env = System.getenv("EVENTSCOPE_BUSY_TIMEOUT_MS");
        if (env != null && env.matches("\\d{1,9}")) {
            return Duration.ofMillis(Long.parseLong(env));
        }
        return dev.eventscope.store.StoreOptions.DEFAULT_BUSY_TIMEOUT;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean color() {
        return !noColor && System.getenv("NO_COLOR") == null && Terminal.stdoutIsTerminal();
    }

    boolean stacktrace() {
        return stacktrace;
    }

    void closeWorkspace() {
        if (workspace != null) {
            workspace.close();
            workspace = null;
        }
    }

    /** Builds the command line with every command, the output streams and the error handlers. */
    public static CommandLine commandLine(Main main, PrintWriter out, PrintWriter err) {
        return commandLine(main, out, err, null);
    }

    /**
     * Builds the command line for running {@code args}, with the commands {@link #plan} says they
     * need. Null {@code args} means every command, in full.
     */
    public static CommandLine commandLine(Main main, PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cmd = new CommandLine(main);
        Plan plan = plan(args);
        for (Map.Entry<String, Class<?>> c : plan.commands().entrySet()) {
            cmd.addSubcommand(c.getKey(), plan.listOnly() ? listing(c.getKey(), c.getValue()) : c.getValue());
        }
        if (plan.commands() == COMMANDS) {
            cmd.addSubcommand(
                    "help",
                    plan.listOnly() ? listing("help", CommandLine.HelpCommand.class) : CommandLine.HelpCommand.class);
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        Errors errors = new Errors(main);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        return cmd;
    }

    /**
     * Which commands a run registers: {@code commands}, in full, or (when {@code listOnly}) only as
     * names and descriptions, for a run that at most lists them (root help, a missing or unknown
     * command): that costs no reflection over their options.
     */
    record Plan(Map<String, Class<?>> commands, boolean listOnly) {}

    static Plan plan(String[] args) {
        if (args == null) {
            return new Plan(COMMANDS, false);
        }
        String command = null;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (GLOBAL_WITH_VALUE.contains(a)) {
                i++;
            } else if (a.equals("--version") || a.equals("-V")) {
                version = true;
            } else if (a.equals("--")) {
                return new Plan(COMMANDS, false);
            } else if (!a.startsWith("-")) {
                command = a;
                break;
            }
        }
        if (command == null) {
            return version ? new Plan(Map.of(), false) : new Plan(COMMANDS, true);
        }
        Class<?> only = COMMANDS.get(command);
        if (NEEDS_ALL.contains(command)) {
            return new Plan(COMMANDS, false);
        }
        if (only == null) {
            return new Plan(COMMANDS, true);
        }
        return new Plan(Map.of(command, only), false);
    }

    /** A command as a name and a description only: enough for a list of commands. */
    private static CommandSpec listing(String name, Class<?> type) {
        Command about = type.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(name);
        spec.usageMessage().header(about.header()).description(about.description());
        return spec;
    }

    public static void main(String[] args) {
        // buffered bytes too: the encoder alone would write to the descriptor every 8 KiB
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(
                        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                        StandardCharsets.UTF_8),
                1 << 16));
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        Main main = new Main();
        Runtime.getRuntime().addShutdownHook(new Thread(out::flush, "flush-output"));
        int code;
        try {
            code = commandLine(main, out, err, args).execute(args);
        } finally {
            main.closeWorkspace();
            out.flush();
        }
        if (ClassDataTraining.requested()) {
            ClassDataTraining.run();
        }
        System.exit(code);
    }
}
