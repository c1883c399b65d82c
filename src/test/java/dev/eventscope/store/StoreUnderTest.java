package dev.eventscope.store;

/**
 * How a contract suite reaches the store implementation it checks: the adapter, and fresh places
 * to put stores. A PostgreSQL adapter gives a fresh schema where SQLite gives a fresh file.
 */
public interface StoreUnderTest {

    /** The adapter under test. */
    StoreFactory stores();

    /** A place where no store is yet; a different one at every call. */
    StoreLocator newLocator();

    /** Opens the store at {@code locator} with the default busy timeout. */
    default EventStore open(StoreLocator locator, StoreOptions.Access access) {
        return stores().open(new StoreOptions(locator, access, StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }
}
