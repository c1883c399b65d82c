package dev.eventscope.engine;

/**
 * The engine under every command: one service per capability, each with one method per operation
 * that takes an options record and returns a result (or hands results to a sink as they come). It
 * never prints and knows nothing of a front end: the CLI ({@code dev.eventscope.cli}) and the web
 * console parse their input into options, make one call, and render the result.
 *
 * <pre>
 *   events()       init, append, import, export, events (list, follow), show, streams
 *   integrity()    verify, head
 *   folds()        state, replay, diff, bisect, whatif   (one fold, one snapshot rule)
 *   specs()        test
 *   commands()     exec                                  (decided with folds(), appended with events())
 *   upcasts()      upcast check, show, migrate
 *   snapshots()    snapshot create, list, prune, verify
 *   traces()       trace, trace --summary --all
 *   processing()   process, project rebuild, query
 *   deadLetters()  dlq list, show, retry, skip
 *   stats()        stats, top
 *   lint()         lint
 *   audit()        audit (timelines), audit report
 *   copies()       copy (into a file or a PostgreSQL schema)
 *   names()        names by prefix (completion)
 *   browse()       pages of streams, a stream's states and patches, an event's links (evs ui)
 *   overview()     the store at a glance, the head for live pages (evs ui)
 *   sources()      import --from KIND SOURCE (other stores' tables; dry run, follow)
 * </pre>
 *
 * <p>An engine is made from settings (the store, the model file, the zone for times without an
 * offset, the busy timeout, the payload limit, plugin jars) and opens the store lazily, read-only
 * for readers and for writing when a call writes; it holds no transaction between calls.
 *
 * <p><b>Threading</b> (ADR 0110): an engine is used by one thread at a time, like a JDBC
 * connection: a command-line run, a shell session (one command at a time), one request of a
 * server. Engines opened from one {@link Engines} share what is costly and immutable (the loaded
 * model, the plugin jars), so a server keeps one {@code Engines} and opens an engine per request
 * (cheap: the store is opened on first use) on the request's thread, and closes it after. Never
 * share one engine between threads that may call it at the same time.
 */
public final class Engine implements AutoCloseable {

    private final Workspace workspace;
    // made on first use: a short command loads the classes of its own service only
    private EventService events;
    private IntegrityService integrity;
    private FoldService folds;
    private SpecService specs;
    private CommandService commands;
    private UpcastService upcasts;
    private SnapshotService snapshots;
    private TraceService traces;
    private ProcessService processing;
    private DeadLetterService deadLetters;
    private StatsService stats;
    private LintService lint;
    private AuditService audit;
    private CopyService copies;
    private NameService names;
    private BrowseService browse;
    private OverviewService overview;
    private SourceService sources;

    Engine(Workspace workspace) {
        this.workspace = workspace;
    }

    /** An engine over {@code settings}, sharing nothing with other engines. */
    public static Engine open(Workspace.Settings settings) {
        return new Engines(settings).open();
    }

    public Workspace.Settings settings() {
        return workspace.settings();
    }

    /** Whether a model is configured (it may still fail to load when a call needs it). */
    public boolean hasModel() {
        return workspace.hasModel();
    }

    public EventService events() {
        if (events == null) {
            events = new EventService(workspace);
        }
        return events;
    }

    public IntegrityService integrity() {
        if (integrity == null) {
            integrity = new IntegrityService(workspace);
        }
        return integrity;
    }

    public FoldService folds() {
        if (folds == null) {
            folds = new FoldService(workspace);
        }
        return folds;
    }

    public SpecService specs() {
        if (specs == null) {
            specs = new SpecService(workspace);
        }
        return specs;
    }

    public CommandService commands() {
        if (commands == null) {
            commands = new CommandService(workspace, folds(), events());
        }
        return commands;
    }

    public UpcastService upcasts() {
        if (upcasts == null) {
            upcasts = new UpcastService(workspace);
        }
        return upcasts;
    }

    public SnapshotService snapshots() {
        if (snapshots == null) {
            snapshots = new SnapshotService(workspace);
        }
        return snapshots;
    }

    public TraceService traces() {
        if (traces == null) {
            traces = new TraceService(workspace);
        }
        return traces;
    }

    public ProcessService processing() {
        if (processing == null) {
            processing = new ProcessService(workspace);
        }
        return processing;
    }

    public DeadLetterService deadLetters() {
        if (deadLetters == null) {
            deadLetters = new DeadLetterService(workspace);
        }
        return deadLetters;
    }

    public StatsService stats() {
        if (stats == null) {
            stats = new StatsService(workspace);
        }
        return stats;
    }

    public LintService lint() {
        if (lint == null) {
            lint = new LintService(workspace);
        }
        return lint;
    }

    public AuditService audit() {
        if (audit == null) {
            audit = new AuditService(workspace);
        }
        return audit;
    }

    public CopyService copies() {
        if (copies == null) {
            copies = new CopyService(workspace);
        }
        return copies;
    }

    public NameService names() {
        if (names == null) {
            names = new NameService(workspace);
        }
        return names;
    }

    public BrowseService browse() {
        if (browse == null) {
            browse = new BrowseService(workspace);
        }
        return browse;
    }

    public OverviewService overview() {
        if (overview == null) {
            overview = new OverviewService(workspace);
        }
        return overview;
    }

    public SourceService sources() {
        if (sources == null) {
            sources = new SourceService(workspace);
        }
        return sources;
    }

    /** Closes the store, if open. The engine may be used again: the store opens on the next call. */
    @Override
    public void close() {
        workspace.close();
    }
}
