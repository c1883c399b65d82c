package dev.eventscope.store.sqlite;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.StoreBusyException;
import dev.eventscope.error.StoreIoException;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.ExactLoad;
import dev.eventscope.store.ImportBatchResult;
import dev.eventscope.store.ImportSession;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An import into a store file that does not exist yet (ADR 0040). The store is built in a scratch
 * file next to it, {@code NAME.import-XXXXXXXX.tmp}, and only put in place, complete and with all
 * its indexes, when the import commits: a failed or killed import never leaves a store behind,
 * so the import needs no validation pass before it writes.
 *
 * <p>Nobody else knows the scratch file, so it is written without a write-ahead log and without
 * syncing; it is synced once, switched to WAL, and linked to the store's name, which fails if
 * another process created a store there in the meantime (nothing is then imported). A killed
 * import may leave the scratch file behind; it is never mistaken for a store, and the next import
 * into the same name removes it once it is stale (see {@link #removeStaleScratchFiles}).
 */
final class NewStoreImport implements ImportTarget {

    /** A scratch file untouched this long, which no process holds, belongs to a killed import. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private final StoreOptions options;
    private final Path file;

    NewStoreImport(StoreOptions options) {
        this.options = options;
        this.file = SqliteStores.fileOf(options.store());
    }

    @Override
    public ImportSession startImport(long incomingBytes) {
        Scratch scratch = Scratch.create(file, options, "import");
        try {
            return new Session(scratch, SqliteImport.atomic(scratch.store, incomingBytes));
        } catch (RuntimeException e) {
            scratch.discard();
            throw e;
        }
    }

    /**
     * A faithful copy into the new store ({@code evs copy}, ADR 0235): built in the scratch file
     * as an import is, in one transaction with the indexes built at the end, and put in place when
     * it commits.
     */
    @Override
    public ExactLoad startExactLoad() {
        Scratch scratch = Scratch.create(file, options, "copy");
        try {
            return new Load(scratch, SqliteExactLoad.start(scratch.store));
        } catch (RuntimeException e) {
            scratch.discard();
            throw e;
        }
    }

    /** The store being built under a scratch name, and how it is put in place or thrown away. */
    private record Scratch(SqliteEventStore store, Path scratch, Path target, String what, boolean[] published) {

        static Scratch create(Path file, StoreOptions options, String what) {
            Path target = file.toAbsolutePath();
            Path dir = target.getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new NotFoundException(
                        "cannot create " + file + ": the directory " + dir + " does not exist",
                        "create the directory first, or pass another --db");
            }
            removeStaleScratchFiles(
                    dir, target.getFileName().toString(), Instant.now().minus(STALE_AFTER));
            Path scratch = dir.resolve(target.getFileName() + ".import-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".tmp");
            SqliteEventStore store = SqliteEventStore.open(
                    new StoreOptions(StoreLocator.file(scratch), StoreOptions.Access.WRITE, options.busyTimeout()));
            try (Statement st = store.connection().createStatement()) {
                // a crash loses only the scratch file: no log, no syncs until the end
                st.execute("PRAGMA journal_mode = MEMORY");
                st.execute("PRAGMA synchronous = OFF");
            } catch (SQLException e) {
                store.close();
                deleteQuietly(scratch);
                throw SqlErrors.translate(e, "creating " + file, target);
            } catch (RuntimeException e) {
                store.close();
                deleteQuietly(scratch);
                throw e;
            }
            return new Scratch(store, scratch, target, what, new boolean[1]);
        }

        /** After the commit: WAL mode, synced, linked to the store's name. */
        void publish() {
            try (Statement st = store.connection().createStatement()) {
                // a store file is always in WAL mode (docs/FORMAT.md)
                st.execute("PRAGMA journal_mode = WAL");
            } catch (SQLException e) {
                throw SqlErrors.translate(e, "finishing " + target, target);
            }
            store.close();
            try {
                try (FileChannel file = FileChannel.open(scratch, StandardOpenOption.WRITE)) {
                    file.force(true);
                }
                link();
                published[0] = true;
                Files.deleteIfExists(scratch);
                syncDirectory(target.getParent());
            } catch (FileAlreadyExistsException e) {
                throw new StoreBusyException(
                        "another process created " + target + " while this " + what + " ran; nothing was "
                                + (what.equals("copy") ? "copied" : "imported"),
                        "run the same " + what + " again: it adds the events to that store");
            } catch (IOException e) {
                throw new StoreIoException(
                        "cannot put the imported store in place at " + target + ": " + e.getMessage()
                                + (published[0]
                                        ? ""
                                        : "; nothing was " + (what.equals("copy") ? "copied" : "imported")),
                        "check the directory's permissions and free space");
            }
        }

        /** Links the finished store to its name: atomic, and refused when the name is taken. */
        private void link() throws IOException {
            try {
                Files.createLink(target, scratch);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links on this file system: a move that refuses a taken name (checked, then
                // renamed: not atomic, but close)
                Files.move(scratch, target);
            }
        }

        /** Closes the store and, unless it was put in place, deletes the scratch file. */
        void discard() {
            store.close();
            if (!published[0]) {
                deleteQuietly(scratch);
            }
        }
    }

    private static final class Session implements ImportSession {
        private final Scratch scratch;
        private final SqliteImport inner;

        Session(Scratch scratch, SqliteImport inner) {
            this.scratch = scratch;
            this.inner = inner;
        }

        @Override
        public boolean atomic() {
            return true;
        }

        @Override
        public ImportBatchResult write(List<NewEvent> events) {
            return inner.write(events);
        }

        @Override
        public int transactions() {
            return inner.transactions();
        }

        @Override
        public void commit() {
            inner.commit();
            scratch.publish();
        }

        @Override
        public void close() {
            inner.close();
            scratch.discard();
        }
    }

    private static final class Load implements ExactLoad {
        private final Scratch scratch;
        private final SqliteExactLoad inner;

        Load(Scratch scratch, SqliteExactLoad inner) {
            this.scratch = scratch;
            this.inner = inner;
        }

        @Override
        public void write(List<RecordedEvent> events) {
            inner.write(events);
        }

        @Override
        public void commit() {
            inner.commit();
            scratch.publish();
        }

        @Override
        public void close() {
            inner.close();
            scratch.discard();
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not every platform syncs directories; the link is then as durable as the system makes it
        }
    }

    /**
     * Deletes the scratch files of imports into {@code name} that were killed: last modified
     * before {@code staleBefore} and not held by any process. A running import holds its write
     * transaction (a RESERVED lock) from its first event to its commit, so taking that lock at once
     * proves nobody is importing into the file; the age covers the moments before and after.
     * Returns how many were removed; anything that cannot be checked is left alone.
     */
    static int removeStaleScratchFiles(Path dir, String name, Instant staleBefore) {
        String prefix = name + ".import-";
        List<Path> candidates;
        try (var files = Files.list(dir)) {
            candidates = files.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.startsWith(prefix) && n.endsWith(".tmp");
                    })
                    .toList();
        } catch (IOException e) {
            return 0;
        }
        int removed = 0;
        for (Path scratch : candidates) {
            try {
                if (Files.getLastModifiedTime(scratch).toInstant().isBefore(staleBefore) && unheld(scratch)) {
                    deleteQuietly(scratch);
                    removed++;
                }
            } catch (IOException e) {
                // gone meanwhile, or unreadable: not ours to judge
            }
        }
        return removed;
    }

    /** True when no process holds a lock on the SQLite file {@code scratch}. */
    private static boolean unheld(Path scratch) {
        NativeLibrary.prepare();
        try (Connection c = DriverManager.getConnection(SqliteUrl.of(scratch));
                Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 0");
            st.execute("BEGIN IMMEDIATE");
            st.execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path scratch) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(scratch + suffix));
            } catch (IOException e) {
                // a leftover scratch file is harmless, and named as such
            }
        }
    }
}
