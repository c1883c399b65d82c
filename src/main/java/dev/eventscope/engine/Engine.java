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
 *   upcasts()      upcast check, show, migrate
 *   snapshots()    snapshot create, list, prune, verify
 *   traces()       trace, trace --summary --all
 *   processing()   process, project rebuild, query
 *   deadLetters()  dlq list, show, retry, skip
 *   stats()        stats, top
 *   lint()         lint
 *   audit()        audit (timelines), audit report
 *   names()        names by prefix (completion)
 *   browse()       pages of streams, a stream's states and patches, an event's links (evs ui)
 *   overview()     the store at a glance, the head for live pages (evs ui)
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
    private final EventService events;
    private final IntegrityService integrity;
    private final FoldService folds;
    private final SpecService specs;
    private final UpcastService upcasts;
    private final SnapshotService snapshots;
    private final TraceService traces;
    private final ProcessService processing;
    private final DeadLetterService deadLetters;
    private final StatsService stats;
    private final LintService lint;
    private final AuditService audit;
    private final NameService names;
    private final BrowseService browse;
    private final OverviewService overview;

    Engine(Workspace workspace) {
        this.workspace = workspace;
        this.events = new EventService(workspace);
        this.integrity = new IntegrityService(workspace);
        this.folds = new FoldService(workspace);
        this.specs = new SpecService(workspace);
        this.upcasts = new UpcastService(workspace);
        this.snapshots = new SnapshotService(workspace);
        this.traces = new TraceService(workspace);
        this.processing = new ProcessService(workspace);
        this.deadLetters = new DeadLetterService(workspace);
        this.stats = new StatsService(workspace);
        this.lint = new LintService(workspace);
        this.audit = new AuditService(workspace);
        this.names = new NameService(workspace);
        this.browse = new BrowseService(workspace);
        this.overview = new OverviewService(workspace);
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
        return events;
    }

    public IntegrityService integrity() {
        return integrity;
    }

    public FoldService folds() {
        return folds;
    }

    public SpecService specs() {
        return specs;
    }

    public UpcastService upcasts() {
        return upcasts;
    }

    public SnapshotService snapshots() {
        return snapshots;
    }

    public TraceService traces() {
        return traces;
    }

    public ProcessService processing() {
        return processing;
    }

    public DeadLetterService deadLetters() {
        return deadLetters;
    }

    public StatsService stats() {
        return stats;
    }

    public LintService lint() {
        return lint;
    }

    public AuditService audit() {
        return audit;
    }

    public NameService names() {
        return names;
    }

    public BrowseService browse() {
        return browse;
    }

    public OverviewService overview() {
        return overview;
    }

    /** Closes the store, if open. The engine may be used again: the store opens on the next call. */
    @Override
    public void close() {
        workspace.close();
    }
}
