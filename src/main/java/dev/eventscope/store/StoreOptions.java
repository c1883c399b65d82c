package dev.eventscope.store;

import java.time.Duration;

/**
 * How to open a store: where it is, whether to create it when missing (writers) or open it
 * read-only (readers), and how long a writer waits for the write lock before failing as busy.
 */
public record StoreOptions(StoreLocator store, Access access, Duration busyTimeout) {

    /** Default wait for the write lock (DESIGN §4: at least 10 s). */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** What the caller will do with the store. */
    public enum Access {
        /** Read only; the store must exist. */
        READ,
        /**
         * Read only, and the store is not changed in any way: a store of an older schema version is
         * read as it is, not upgraded (the events table is the same in every version). For sources
         * that must stay byte-for-byte untouched ({@code upcast migrate}).
         */
        READ_AS_IS,
        /** Read and write; the store is created when missing. */
        WRITE
    }

    public StoreOptions {
        if (store == null || access == null || busyTimeout == null || busyTimeout.isNegative()) {
            throw new IllegalArgumentException("store, access and a non-negative busy timeout are required");
        }
    }
}
