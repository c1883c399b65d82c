package dev.eventscope.cli;

import dev.eventscope.cli.command.AppendCommand;
import dev.eventscope.cli.command.AuditCommand;
import dev.eventscope.cli.command.BisectCommand;
import dev.eventscope.cli.command.CompletionCommand;
import dev.eventscope.cli.command.CopyCommand;
import dev.eventscope.cli.command.DiffCommand;
import dev.eventscope.cli.command.DlqCommand;
import dev.eventscope.cli.command.EventsCommand;
import dev.eventscope.cli.command.ExecCommand;
import dev.eventscope.cli.command.ExportCommand;
import dev.eventscope.cli.command.HeadCommand;
import dev.eventscope.cli.command.ImportCommand;
import dev.eventscope.cli.command.InitCommand;
import dev.eventscope.cli.command.Invocation;
import dev.eventscope.cli.command.LintCommand;
import dev.eventscope.cli.command.Paged;
import dev.eventscope.cli.command.ProcessCommand;
import dev.eventscope.cli.command.ProjectCommand;
import dev.eventscope.cli.command.QueryCommand;
import dev.eventscope.cli.command.ReplayCommand;
import dev.eventscope.cli.command.SagaCommand;
import dev.eventscope.cli.command.ShellCommand;
import dev.eventscope.cli.command.ShowCommand;
import dev.eventscope.cli.command.SnapshotCommand;
import dev.eventscope.cli.command.StateCommand;
import dev.eventscope.cli.command.StatsCommand;
import dev.eventscope.cli.command.StreamsCommand;
import dev.eventscope.cli.command.TestCommand;
import dev.eventscope.cli.command.TopCommand;
import dev.eventscope.cli.command.TraceCommand;
import dev.eventscope.cli.command.UiCommand;
import dev.eventscope.cli.command.UpcastCommand;
import dev.eventscope.cli.command.VerifyCommand;
import dev.eventscope.cli.command.WhatIfCommand;
import dev.eventscope.cli.console.ColorChoice;
import dev.eventscope.cli.console.Pager;
import dev.eventscope.cli.console.Terminal;
import dev.eventscope.cli.console.TerminalSafeWriter;
import dev.eventscope.cli.render.Palette;
import dev.eventscope.cli.render.StdoutBytes;
import dev.eventscope.cli.shell.Session;
import dev.eventscope.cli.shell.Shell;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.Workspace;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Times;
import dev.eventscope.store.StoreLocator;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code evs} command: global options, the command tree, and the process entry point. */
@Command(
        name = "evs",
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Eventscope: an event store and forensics tool over SQLite or PostgreSQL.",
        customSynopsis = "evs [OPTIONS] COMMAND [ARGS...]",
        descriptionHeading = "%n",
        description = {
            "Events live in one SQLite file (--db, default ./events.db) or, for a team sharing one log, in a"
                    + " schema on a PostgreSQL server (--db postgresql://...). Append and import them, list and"
                    + " inspect them, verify the hash chain that makes them tamper-evident; 'copy' moves a log"
                    + " between the two, faithfully.",
            "With a model (--model, default ./eventscope.yaml: reducers in JSLT), replay any aggregate's state to"
                    + " any point in valid or record time, diff two points, find when a condition first held, and"
                    + " try edited histories.",
            "Upcasters in the model read old events as the latest schema version everywhere; 'upcast check' proves"
                    + " every stored event upcasts and validates, 'upcast migrate' copies the store into a new file.",
            "Projections and handlers of the model process the log from their checkpoints: read models you"
                    + " query with SQL, external commands, reactors that append events; failures go to a"
                    + " dead-letter queue you can retry after fixing the model."
        },
        optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a check ran and found problems (verify, lint, upcast check, test, dlq retry), or exec's command was"
                    + " rejected",
            "2:usage error",
            "3:conflict: wrong expected version, or an eventId reused with different content",
            "65:invalid input data (malformed JSON, bad timestamp, schema violation); nothing written",
            "66:not found (store file or database, stream, event, handler)",
            "70:internal error (a bug: stack trace printed)",
            "74:I/O error or damaged store (disk full, read-only, corrupt file, server unreachable or refusing)",
            "75:store busy past the timeout (retry later)",
            "130:interrupted (Ctrl-C, or SIGTERM during process, dlq retry, project rebuild, copy --follow)"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  EVENTSCOPE_DB      store file or PostgreSQL URL when --db is not given",
            "  PGPASSWORD         PostgreSQL password (else ~/.pgpass or PGPASSFILE)",
            "  EVENTSCOPE_MODEL   model file when --model is not given",
            "  NO_COLOR           no colour in output (unless --color=always)",
            "  PAGER              pager of long output on a terminal (less -FRX; empty: none)",
            "  XDG_STATE_HOME     where 'evs shell' keeps its history (eventscope/history)",
            "",
            "Run 'evs COMMAND --help' for a command's options and examples."
        })
public final class Main implements Runnable, Invocation {

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
        c.put("copy", CopyCommand.class);
        c.put("events", EventsCommand.class);
        c.put("show", ShowCommand.class);
        c.put("streams", StreamsCommand.class);
        c.put("trace", TraceCommand.class);
        c.put("verify", VerifyCommand.class);
        c.put("head", HeadCommand.class);
        c.put("state", StateCommand.class);
        c.put("replay", ReplayCommand.class);
        c.put("diff", DiffCommand.class);
        c.put("bisect", BisectCommand.class);
        c.put("whatif", WhatIfCommand.class);
        c.put("snapshot", SnapshotCommand.class);
        c.put("upcast", UpcastCommand.class);
        c.put("test", TestCommand.class);
        c.put("exec", ExecCommand.class);
        c.put("process", ProcessCommand.class);
        c.put("project", ProjectCommand.class);
        c.put("query", QueryCommand.class);
        c.put("dlq", DlqCommand.class);
        c.put("saga", SagaCommand.class);
        c.put("lint", LintCommand.class);
        c.put("audit", AuditCommand.class);
        c.put("stats", StatsCommand.class);
        c.put("top", TopCommand.class);
        c.put("ui", UiCommand.class);
        c.put("shell", ShellCommand.class);
        c.put("completion", CompletionCommand.class);
        return Collections.unmodifiableMap(c);
    }

    /** The one help section of the root command: all of it, laid out by {@link RootHelp}. */
    private static final String ROOT_HELP = "evsRootHelp";

    /** Commands that reach the others (help lists them; a shell runs them). */
    private static final Set<String> NEEDS_ALL = Set.of("help", "shell", "completion");

    /** Global options that take a value, so their value is not taken for a command name. */
    private static final Set<String> GLOBAL_WITH_VALUE = Set.of("--db", "--model", "--plugin", "--tz", "--color");

    @Option(
            names = "--db",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Store file, or a PostgreSQL URL postgresql://USER@HOST:PORT/DATABASE?schema=NAME with"
                    + " the password in PGPASSWORD or ~/.pgpass (default: $EVENTSCOPE_DB, else ./events.db).")
    String db;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Model file (default: $EVENTSCOPE_MODEL, else ./eventscope.yaml when present).")
    Path model;

    @Option(
            names = "--plugin",
            paramLabel = "JAR",
            scope = ScopeType.INHERIT,
            description =
                    "A jar with reducers written in Java (dev.eventscope.model.spi.AggregatePlugin);" + " repeatable.")
    List<Path> plugins = new ArrayList<>();

    @Option(
            names = "--tz",
            paramLabel = "ZONE",
            scope = ScopeType.INHERIT,
            description = "Zone for times without an offset, e.g. Europe/Amsterdam. In options, a date (its start)"
                    + " or a date and time without an offset is read in this zone, else in UTC, the zone output is"
                    + " printed in; in appended or imported events such a timestamp is refused without it.")
    String tz;

    @Option(
            names = "--color",
            paramLabel = "WHEN",
            scope = ScopeType.INHERIT,
            description = "Colour: auto (default: on a terminal unless NO_COLOR is set), always or never.")
    ColorChoice.Mode colorMode;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colour: the same as --color=never.")
    boolean noColor;

    @Option(
            names = "--no-pager",
            scope = ScopeType.INHERIT,
            description = "Print long output directly, not through $PAGER (used only on a terminal).")
    boolean noPager;

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

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit; 'evs COMMAND --help' shows a command's.")
    boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            description = "Print the version and exit.")
    boolean version;

    private Engine engine;

    /** The shell session this root runs commands for, or null outside {@code evs shell}. */
    private Session session;

    /** The session's engine, used while a line's global options name the same settings. */
    private Engine shared;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    /**
     * The engine for this invocation, created on first use from the global options. In a shell
     * session it is the session's engine (store, model and state cache kept between commands)
     * unless the line gives other --db, --model, --tz or --plugin values.
     */
    @Override
    public Engine engine() {
        if (engine == null) {
            Workspace.Settings settings = settings();
            engine = shared != null && shared.settings().equals(settings) ? shared : Engine.open(settings);
        }
        return engine;
    }

    @Override
    public Shell.LineRunner shell(Session session, PrintWriter out, PrintWriter err) {
        Main line = new Main();
        copyGlobalOptions(this, line);
        line.shared = engine();
        line.session = session;
        // picocli takes the fields' values when the command line is built as each line's defaults
        CommandLine cmd = commandLine(line, out, err);
        return new Shell.LineRunner() {
            @Override
            public int run(String[] words) {
                return Main.run(cmd, line, words);
            }

            @Override
            public CommandSpec commands() {
                return cmd.getCommandSpec();
            }

            @Override
            public boolean color() {
                return line.color();
            }
        };
    }

    /**
     * Every global option of {@code from} set on {@code to}, through picocli's model of the root
     * command: an option added to the root reaches shell sessions without being named here.
     */
    static void copyGlobalOptions(Main from, Main to) {
        CommandSpec source = CommandSpec.forAnnotatedObject(from);
        CommandSpec target = CommandSpec.forAnnotatedObject(to);
        for (OptionSpec option : source.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            Object value = option.getValue();
            target.findOption(option.longestName())
                    .setValue(value instanceof List<?> list ? new ArrayList<>(list) : value);
        }
    }

    /** The shell session, or null when this is a single command. */
    @Override
    public Session session() {
        return session;
    }

    private Workspace.Settings settings() {
        StoreLocator store;
        String dbOrigin;
        if (db != null) {
            store = StoreLocator.parse(db, "--db");
            dbOrigin = "--db";
        } else {
            String env = System.getenv("EVENTSCOPE_DB");
            boolean set = env != null && !env.isBlank();
            store = set ? StoreLocator.parse(env, "EVENTSCOPE_DB") : StoreLocator.file(Path.of("events.db"));
            dbOrigin = set ? "EVENTSCOPE_DB" : "the default store";
        }
        Path modelFile = model;
        String modelOrigin = "--model";
        if (modelFile == null) {
            String env = System.getenv("EVENTSCOPE_MODEL");
            if (env != null && !env.isBlank()) {
                modelFile = Path.of(env);
                modelOrigin = "EVENTSCOPE_MODEL";
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
        return new Workspace.Settings(
                store,
                modelFile,
                zone,
                busyTimeout(),
                EventJson.DEFAULT_MAX_PAYLOAD,
                plugins,
                new Workspace.Origins(dbOrigin, modelOrigin));
    }

    private static Duration busyTimeout() {
        String env = System.getenv("EVENTSCOPE_BUSY_TIMEOUT_MS");
        if (env != null && env.matches("\\d{1,9}")) {
            return Duration.ofMillis(Long.parseLong(env));
        }
        return dev.eventscope.store.StoreOptions.DEFAULT_BUSY_TIMEOUT;
    }

    @Override
    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Whether stdout gets colour (ColorChoice: --color, --no-color, NO_COLOR, a terminal). */
    @Override
    public boolean color() {
        return ColorChoice.colored(colorMode, noColor, System.getenv("NO_COLOR"), Terminal.stdoutIsTerminal());
    }

    /** The palette for stdout: colours when {@link #color()}, else plain text. */
    @Override
    public Palette palette() {
        return Palette.of(color());
    }

    /**
     * Whether long output may go through $PAGER: stdout a terminal, no --no-pager, and not inside
     * an interactive shell (whose line editor owns the terminal's input, so a pager there would
     * not get the keys).
     */
    public boolean pager() {
        return !noPager && Terminal.stdoutIsTerminal() && session == null;
    }

    boolean stacktrace() {
        return stacktrace;
    }

    void closeEngine() {
        if (engine != null && engine != shared) {
            engine.close();
        }
        engine = null;
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
        int helpWidth = RootHelp.width(Terminal.stdoutIsTerminal(), Terminal.columns());
        if (helpWidth > 0) {
            // the width RootHelp's quick answer uses: 80 into a file or a pipe, whatever the
            // terminal; on a terminal, the width the launcher measured
            cmd.setUsageHelpAutoWidth(false);
            cmd.setUsageHelpWidth(helpWidth);
        }
        CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        usage.sectionKeys(List.of(ROOT_HELP));
        // the width the quick answer uses when it is known (picocli would prefer -Dpicocli.usage.width)
        usage.sectionMap(
                Map.of(ROOT_HELP, help -> RootHelp.render(helpWidth > 0 ? helpWidth : usage.width(), main.palette())));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // values such as --payload @FILE are ours to read; picocli must not expand them as argument files
        cmd.setExpandAtFiles(false);
        Errors errors = new Errors(main);
        cmd.setExecutionStrategy(parseResult -> execute(main, parseResult));
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        return cmd;
    }

    /** Runs the parsed command, through the pager when it is a {@link Paged} command on a terminal. */
    private static int execute(Main main, CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandLine target = last.commandSpec().commandLine();
        Pager pager = null;
        if (target.getCommand() instanceof Paged paged
                && !last.isUsageHelpRequested()
                && main.pager()
                && paged.paged()) {
            pager = Pager.start(System.getenv());
        }
        if (pager == null) {
            return new CommandLine.RunLast().execute(parseResult);
        }
        PrintWriter direct = target.getOut();
        target.setOut(pager.writer());
        try (Pager p = pager) {
            return new CommandLine.RunLast().execute(parseResult);
        } finally {
            target.setOut(direct);
        }
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
        boolean word = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (GLOBAL_WITH_VALUE.contains(a)) {
                i++;
            } else if (a.equals("--version") || a.equals("-V")) {
                version = true;
            } else if (a.equals("--")) {
                return new Plan(COMMANDS, false);
            } else if (!a.startsWith("-")) {
                // the first word that names a command: a command's options may come before its name,
                // with their values (evs -o ndjson events; CommandArguments moves them)
                word = true;
                if (COMMANDS.containsKey(a) || NEEDS_ALL.contains(a)) {
                    command = a;
                    break;
                }
            }
        }
        if (command == null) {
            return version && !word ? new Plan(Map.of(), false) : new Plan(COMMANDS, true);
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
        if (RootHelp.quick(args, Terminal.stdoutIsTerminal(), Terminal.columns())) {
            // the root help into a pipe, or the version: no command line to build (ADR 0044)
            quick(args);
            return;
        }
        // buffered bytes too: the encoder alone would write to the descriptor every 8 KiB
        BufferedOutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        boolean stdoutTerminal = Terminal.stdoutIsTerminal();
        PrintWriter out = new PrintWriter(new BufferedWriter(
                guard(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), stdoutTerminal), 1 << 16));
        if (!stdoutTerminal) {
            // output that is bytes already (an export's stored lines) may skip the encoder
            StdoutBytes.register(out, stdout);
        }
        PrintWriter err = new PrintWriter(
                guard(
                        new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
                        Terminal.stderrIsTerminal()),
                true);
        Main main = new Main();
        Runtime.getRuntime().addShutdownHook(new Thread(out::flush, "flush-output"));
        int code = run(commandLine(main, out, err, args), main, args);
        if (ClassDataTraining.requested()) {
            ClassDataTraining.run();
        }
        System.exit(code);
    }

    private static void quick(String[] args) {
        boolean terminal = Terminal.stdoutIsTerminal();
        String text = RootHelp.answer(args, terminal, Terminal.columns(), System.getenv("NO_COLOR"));
        // through the same guard as every other output to a terminal (ADR 0070)
        try (Writer out = guard(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), terminal)) {
            out.write(text);
        } catch (java.io.IOException e) {
            // as with the PrintWriter of every other run: a reader that went away (| head) is no error
        }
        if (ClassDataTraining.requested()) {
            ClassDataTraining.run();
        }
        System.exit(0);
    }

    /** Output to a terminal goes through the guard that escapes control characters (ADR 0070). */
    static Writer guard(Writer w, boolean terminal) {
        return TerminalSafeWriter.guard(w, terminal);
    }

    /**
     * Runs one command line and returns its exit code. An {@link Error} (out of memory, stack
     * overflow) is a bug like any other: picocli lets it through, so it is reported here, exit 70.
     */
    public static int run(CommandLine cmd, Main main, String[] args) {
        try {
            String[] arranged;
            try {
                arranged = CommandArguments.arrange(cmd, args);
            } catch (CommandLine.ParameterException e) {
                return ((Errors) cmd.getParameterExceptionHandler()).handleParseException(e, args);
            }
            return cmd.execute(arranged);
        } catch (Error e) {
            return Errors.internal(e, cmd.getOut(), cmd.getErr());
        } finally {
            main.closeEngine();
            cmd.getOut().flush();
        }
    }
}
