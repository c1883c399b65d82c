package dev.eventscope.bench.raw;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Connections with the pragmas Eventscope's store uses (see {@code StoreFile.connect}): WAL,
 * synchronous FULL, a 64 MiB page cache, temporary tables in memory, a 10 s busy timeout.
 */
public final class RawConnections {

    private RawConnections() {}

    public static Connection open(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        config.enforceForeignKeys(true);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setCacheSize(-65_536);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        config.setGetGeneratedKeys(false);
        if (!readOnly) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        return config.createConnection("jdbc:sqlite:" + file);
    }
}
