package dev.eventscope.store;

import java.util.function.Supplier;

/**
 * Opens and creates stores of one kind (the adapter behind the port). The composition root holds
 * one per kind of {@link StoreLocator} and picks by the locator; nothing else names an adapter.
 */
public interface StoreFactory {

    /** Opens the store described by {@code options}. */
    EventStore open(StoreOptions options);

    /** True when there is a store at {@code store} (opening it for reading would find one). */
    boolean exists(StoreLocator store);

    /**
     * Where a bulk import into {@code options} goes: the store opened by {@code open} when it
     * exists, otherwise whatever creates it, complete, only when the import commits.
     */
    ImportTarget importTarget(StoreOptions options, Supplier<EventStore> open);

    /**
     * Creates a new store at {@code target} to copy events into.
     *
     * @throws dev.eventscope.error.StoreIoException when it cannot be created (or exists already)
     */
    StoreCopy createCopy(StoreLocator target);
}
