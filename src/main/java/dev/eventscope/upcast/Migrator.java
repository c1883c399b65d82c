package dev.eventscope.upcast;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.model.UpcasterChain;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreCopy;
import dev.eventscope.store.StoreFactory;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.verify.StoreVerifier;
import dev.eventscope.verify.VerifyReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code upcast migrate}: copies every event of a store into a new store file, upcast to the latest
 * version of its type (docs/adr/0052-upcast-migrate.md).
 *
 * <p>The new store has the same eventIds, streams, times and order, stream versions renumbered
 * only where a split or a drop earlier in the stream makes it necessary, new positions, a fresh
 * hash chain, and a table mapping old positions to new ones. It is written to a temporary file
 * beside the target ({@code NEW.db.migrating}), verified (hash chain, counts per stream), then
 * renamed into place in one atomic step: an interrupted migration never leaves a file at the
 * target, and the next run removes what it left. The source is only read.
 */
public final class Migrator {

    /**
     * What to migrate into, and how: a new store file (written beside it, verified, renamed into
     * place) or a new PostgreSQL schema (written in one transaction, then verified).
     */
    public record Options(StoreLocator target, boolean force, boolean dryRun) {}

    /** The suffix of the temporary file a migration writes before it renames it into place. */
    public static final String TEMP_SUFFIX = ".migrating";

    /** The suffix of the lock file that keeps two migrations from writing the same target. */
    public static final String LOCK_SUFFIX = ".migrate-lock";

    private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private final EventStore source;
    private final UpcasterChain chain;
    private final EventValidator validator;
    private final StoreFactory stores;
    private final Progress progress;

    public Migrator(
            EventStore source, UpcasterChain chain, EventValidator validator, StoreFactory stores, Progress progress) {
        this.source = source;
        this.chain = chain;
        this.validator = validator;
        this.stores = stores;
        this.progress = progress;
    }

    /**
     * Migrates (or with {@code dryRun} only reads and reports).
     *
     * @throws UsageException when the target is the source, or exists and {@code force} is off
     * @throws InvalidInputException when an event does not upcast or validate (nothing is written)
     * @throws StoreBusyException when another migration is writing the same target
     */
    public MigrationReport run(Options options) {
        if (!(options.target() instanceof StoreLocator.SqliteFile file)) {
            return runIntoStore(options);
        }
        long began = System.nanoTime();
        Path target = file.file().toAbsolutePath().normalize();
        checkTarget(target, options.force());
        if (options.dryRun()) {
            Copy copy = copy(null);
            return report(options, StoreLocator.file(target), copy, StoreHead.EMPTY, began);
        }
        Path lockFile = sibling(target, LOCK_SUFFIX);
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(lockChannel, target)) {
            Path temp = sibling(target, TEMP_SUFFIX);
            deleteWithSideFiles(temp);
            // Ctrl-C (or a TERM) ends the process without unwinding this thread: take the copy along
            Thread cleanUp = new Thread(() -> deleteQuietly(temp, lockFile), "migrate-clean-up");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            try {
                Copy copy;
                StoreHead head;
                StoreVerifier.ChainWalk[] walked = new StoreVerifier.ChainWalk[1];
                try (StoreCopy out = stores.createCopy(StoreLocator.file(temp))) {
                    copy = copy(out);
                    head = out.head();
                    // the chain is walked while the copy's indexes are built (ADR 0256)
                    out.finish(() -> walked[0] = walkChain(StoreLocator.file(temp), head));
                }
                verify(StoreLocator.file(temp), copy, head, walked[0]);
                install(temp, target, options.force());
                return report(options, StoreLocator.file(target), copy, head, began);
            } finally {
                deleteWithSideFiles(temp);
                Files.deleteIfExists(lockFile);
                removeHook(cleanUp);
            }
        } catch (IOException e) {
            throw new StoreIoException(
                    "cannot write beside " + target + ": " + e.getMessage(), "check the directory and its permissions");
        }
    }

    /**
     * A migration into a store that is not a file (a PostgreSQL schema): the store must not exist;
     * the copy is one transaction of the target that only {@link StoreCopy#finish()} commits, so an
     * interrupted migration leaves nothing; it is verified after.
     */
    private MigrationReport runIntoStore(Options options) {
        long began = System.nanoTime();
        StoreLocator target = options.target();
        if (target.equals(source.locator())) {
            throw new UsageException(
                    "--to " + target + " is the store being migrated; a migration writes a new store",
                    "pass another ?schema= in the URL");
        }
        if (stores.exists(target)) {
            throw new UsageException(
                    target + " holds a store already; a migration writes a new store"
                            + (options.force() ? " (--force replaces only files)" : ""),
                    "pass another ?schema= in the URL, or drop that schema first");
        }
        if (options.dryRun()) {
            return report(options, target, copy(null), StoreHead.EMPTY, began);
        }
        Copy copy;
        StoreHead head;
        try (StoreCopy out = stores.createCopy(target)) {
            copy = copy(out);
            head = out.head();
            out.finish();
        }
        verify(target, copy, head, null);
        return report(options, target, copy, head, began);
    }

    private void checkTarget(Path target, boolean force) {
        try {
            if (source.locator() instanceof StoreLocator.SqliteFile f
                    && (target.equals(f.file().toAbsolutePath().normalize())
                            || Files.exists(target) && Files.isSameFile(target, f.file()))) {
                throw new UsageException(
                        "--to " + target + " is the store being migrated; a migration writes a new file",
                        "pass another file name, e.g. --to migrated.db");
            }
        } catch (IOException e) {
            throw new StoreIoException("cannot look at " + target + ": " + e.getMessage());
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(
                    "--to " + target + ": the directory " + dir + " does not exist",
                    "create it first, or pass another file");
        }
        if (Files.isDirectory(target)) {
            throw new UsageException("--to " + target + " is a directory", "pass a file name, e.g. --to migrated.db");
        }
        if (!force) {
            if (Files.exists(target)) {
                throw new UsageException(
                        target + " exists already; a migration writes a new store",
                        "pass another file name, or --force to replace it");
            }
            for (String side : List.of("-wal", "-shm")) {
                if (Files.exists(sibling(target, side))) {
                    throw new UsageException(
                            sibling(target, side) + " exists (left by a store that was at " + target
                                    + "); a new store there would read it",
                            "remove it, or pass --force to replace it");
                }
            }
        }
    }

    private static FileLock tryLock(FileChannel channel, Path target) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new StoreBusyException(
                    "another migration is writing " + target, "wait for it to finish, or migrate into another file");
        }
        return lock;
    }

    /** What a pass over the source counted; with a target, the events were written to it. */
    private static final class Copy {
        long sourceEvents;
        long events;
        long upcast;
        long split;
        long dropped;
        long renumbered;
        final Map<String, Long> upcastByType = new TreeMap<>();
        /** Streams whose event count changed (splits and drops), by how much; also the version shift. */
        final Map<StreamId, Long> delta = new HashMap<>();
    }

    private Copy copy(StoreCopy out) {
        Copy c = new Copy();
        StoreHead head = source.head();
        if (out != null) {
            out.info("migrated_from_head", head.position() + ":" + head.hash());
            out.info("migrated_at", Times.format(Times.nowMicros()));
            out.info("migrated_upcasters", chain.fingerprint());
        }
        progress.begin(out == null ? "reading" : "migrating", Progress.Unit.EVENTS, head.events());
        try (Stream<RecordedEvent> all = source.scan(EventQuery.ALL.withPositions(null, head.position()))) {
            Iterator<RecordedEvent> it = all.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                c.sourceEvents++;
                Outcome o = Outcome.of(e, chain, validator);
                if (!o.ok()) {
                    throw failed(o);
                }
                List<RecordedEvent> events = o.events();
                if (o.changed()) {
                    c.upcast++;
                    c.upcastByType.merge(e.eventType(), 1L, Long::sum);
                }
                long shift = c.delta.getOrDefault(e.stream(), 0L);
                if (events.isEmpty()) {
                    c.dropped++;
                    c.delta.put(e.stream(), shift - 1);
                    if (out != null) {
                        out.dropped(e.position());
                    }
                }
                for (int i = 0; i < events.size(); i++) {
                    RecordedEvent n = events.get(i);
                    long version = e.streamVersion() + shift + i;
                    if (version != e.streamVersion()) {
                        c.renumbered++;
                    }
                    if (out != null) {
                        out.add(withStreamVersion(n, version), e.position(), i);
                    }
                    c.events++;
                }
                if (events.size() > 1) {
                    c.split++;
                    c.delta.put(e.stream(), shift + events.size() - 1);
                }
                if ((c.sourceEvents & 1023) == 0) {
                    progress.at(c.sourceEvents);
                }
            }
        } finally {
            progress.end();
        }
        return c;
    }

    private static InvalidInputException failed(Outcome o) {
        RecordedEvent e = o.stored();
        Outcome.Problem p = o.problem();
        String what = p.upcaster() == null ? "" : " (upcaster " + p.upcaster() + ")";
        return new InvalidInputException(
                "the event at position " + e.position() + " (" + e.stream() + " v" + e.streamVersion() + ", "
                        + e.eventType() + " v" + e.eventVersion() + ") cannot be migrated" + what
                        + "; nothing was written",
                List.of((p.at() == null ? "" : p.at() + ": ") + p.error()),
                "see every such event with 'evs upcast check', and this one with 'evs upcast show " + e.position()
                        + "'");
    }

    private static RecordedEvent withStreamVersion(RecordedEvent e, long version) {
        if (e.streamVersion() == version) {
            return e;
        }
        return new RecordedEvent(
                e.position(),
                e.eventId(),
                e.eventType(),
                e.stream(),
                version,
                e.eventVersion(),
                e.timestamp(),
                e.recordedAt(),
                e.payload(),
                e.metadata(),
                e.correlationId(),
                e.causationId(),
                e.userId(),
                e.hash());
    }

    /** Walks the hash chain of the committed copy, through a store of its own. */
    private StoreVerifier.ChainWalk walkChain(StoreLocator temp, StoreHead written) {
        try (EventStore copied =
                stores.open(new StoreOptions(temp, StoreOptions.Access.READ, StoreOptions.DEFAULT_BUSY_TIMEOUT))) {
            progress.begin("verifying", Progress.Unit.EVENTS, written.events());
            try {
                return new StoreVerifier(copied).walkChain(null);
            } finally {
                progress.end();
            }
        }
    }

    /**
     * Proves the copy before it is put in place: the file and schema check, the hash chain and
     * record times (as {@code verify} does; the chain walked already when {@code walked} is not
     * null), its head is the head written, and every stream has as many events as in the source,
     * plus what splits added and minus what drops removed.
     */
    private void verify(StoreLocator temp, Copy copy, StoreHead written, StoreVerifier.ChainWalk walked) {
        try (EventStore copied = stores.open(new StoreOptions(temp, StoreOptions.Access.WRITE, Duration.ZERO))) {
            progress.begin("verifying", Progress.Unit.EVENTS, written.events());
            VerifyReport report;
            try {
                report = new StoreVerifier(copied).verify(false, null, walked);
            } finally {
                progress.end();
            }
            if (!report.ok()) {
                throw notVerified(temp, report.problems().get(0));
            }
            if (!copied.head().equals(written) || written.events() != copy.events) {
                throw notVerified(temp, "its head is " + copied.head() + ", but " + written + " was written");
            }
            StreamCounts.compare(source, copied, copy.delta).ifPresent(p -> {
                throw notVerified(temp, p);
            });
        }
    }

    private static StoreIoException notVerified(StoreLocator temp, String problem) {
        if (!(temp instanceof StoreLocator.SqliteFile)) {
            return new StoreIoException(
                    "the migrated store " + temp + " failed verification (" + problem + "); it is left for inspection",
                    "drop its schema and run the migration again; if it fails the same way, report it as a bug");
        }
        return new StoreIoException(
                "the migrated copy " + temp + " failed verification (" + problem + "); nothing was written",
                "run the migration again; if it fails the same way, report it as a bug");
    }

    /** Renames the verified copy into place, in one atomic step, and makes the rename durable. */
    private static void install(Path temp, Path target, boolean force) throws IOException {
        if (force) {
            // a write-ahead log left by the file being replaced would be read into the new one
            for (String side : SQLITE_SIDE_FILES) {
                Files.deleteIfExists(sibling(target, side));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        syncDirectory(target.getParent());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a directory; the rename is atomic either way
        }
    }

    private static void deleteWithSideFiles(Path file) throws IOException {
        Files.deleteIfExists(file);
        for (String side : SQLITE_SIDE_FILES) {
            Files.deleteIfExists(sibling(file, side));
        }
    }

    private static void deleteQuietly(Path temp, Path lockFile) {
        try {
            deleteWithSideFiles(temp);
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            // the process is ending; the next run removes what is left
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the process is already shutting down: the hook runs anyway
        }
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName().toString() + suffix);
    }

    private static MigrationReport report(Options options, StoreLocator target, Copy c, StoreHead head, long began) {
        return new MigrationReport(
                target,
                options.dryRun(),
                c.sourceEvents,
                c.events,
                c.upcast,
                c.split,
                c.dropped,
                c.renumbered,
                c.upcastByType,
                head,
                Duration.ofNanos(System.nanoTime() - began));
    }
}
