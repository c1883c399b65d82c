package dev.eventscope.store;

/**
 * Where a bulk import goes: an open store, or a store file that does not exist yet and is only
 * created, complete, when the import commits (see ADR 0040).
 */
public interface ImportTarget {

    /**
     * Starts a bulk import of about {@code incomingBytes} bytes of input. The size is a hint: the
     * store uses it to choose between batch-by-batch transactions and one atomic import (see
     * {@link ImportSession}).
     */
    ImportSession startImport(long incomingBytes);

    /**
     * Starts a faithful bulk copy into this target, which holds no events ({@code evs copy} into a
     * new or empty store): see {@link ExactLoad}.
     */
    ExactLoad startExactLoad();
}
