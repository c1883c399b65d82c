package dev.eventscope.engine;

import dev.eventscope.store.StoreHead;
import dev.eventscope.verify.StoreVerifier;
import dev.eventscope.verify.VerifyReport;

/**
 * The store's integrity: {@code verify} (the file, the schema, every event's hash and its chain,
 * a pinned head) and {@code head} (the end of the chain, to pin elsewhere). Reached through {@link
 * Engine#integrity()}; one thread at a time, as its engine.
 */
public final class IntegrityService {

    private final Workspace workspace;

    IntegrityService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * How to verify: the full integrity check of the file ({@code full}; else the quick one), and a
     * head printed earlier by {@code head} that must still be in the chain (null: none).
     */
    public record VerifyOptions(boolean full, String expectHead) {}

    /** What verification found; {@link VerifyReport#ok()} when nothing. */
    public VerifyReport verify(VerifyOptions options) {
        StoreVerifier.Pin pin = options.expectHead() == null ? null : StoreVerifier.Pin.parse(options.expectHead());
        return new StoreVerifier(workspace.readStore()).verify(options.full(), pin);
    }

    /** The end of the hash chain: position, hash and how many events. */
    public StoreHead head() {
        return workspace.readStore().head();
    }
}
