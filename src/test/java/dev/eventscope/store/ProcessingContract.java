package dev.eventscope.store;

import org.junit.jupiter.api.BeforeEach;

/** The base of the suites of {@link ProcessingStore}'s parts: the store must offer processing. */
public abstract class ProcessingContract extends StoreContract {

    protected ProcessingStore processing;

    @BeforeEach
    void processing() {
        processing = store.requireProcessing();
    }

    /** Runs {@code work} in one processing transaction. */
    protected void inTransaction(Runnable work) {
        processing.inTransaction("test", () -> {
            work.run();
            return null;
        });
    }
}
