package dev.eventscope.upcast;

import static dev.eventscope.store.TestEvents.event;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.util.List;

/** A store of accounts whose history needs every kind of upcaster, and the model with them. */
final class UpcastStores {

    /** Deposited v1 names its amount 'amt'; DepositedWithFee splits in two; Noise is dropped. */
    static final String MODEL = "upcasters:\n"
            + "  - {type: Deposited, from: 1, to: 2, transform: '{\"payload\": {\"amount\": .payload.amt}}'}\n"
            + "  - type: DepositedWithFee\n    from: 1\n    to: 2\n    renameTo: [Deposited, FeeCharged]\n"
            + "    transform: '[{\"eventType\": \"Deposited\", \"payload\": {\"amount\": .payload.amount}},"
            + " {\"eventType\": \"FeeCharged\", \"payload\": {\"fee\": .payload.fee}}]'\n"
            + "  - {type: Noise, from: 1, to: 2, transform: '[]'}\n"
            + "schemas:\n  Deposited:\n    2: {type: object, required: [amount], properties: {amount: {type: number}}}\n";

    private UpcastStores() {}

    static Model model(String yaml) {
        return ModelLoader.parse("m.yaml", yaml, Path.of("."), List.of());
    }

    static EventStore open(Path file, StoreOptions.Access access) {
        return SqliteEventStore.open(
                new StoreOptions(StoreLocator.file(file), access, StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }

    /**
     * a-1: Deposited v1, DepositedWithFee, Noise, Deposited v2 (versions 1-4); a-2: Deposited v1 and
     * Opened (no upcaster); 6 events.
     */
    static void fill(Path file) {
        try (EventStore store = open(file, StoreOptions.Access.WRITE)) {
            List<NewEvent> events = List.of(
                    event("Deposited")
                            .on("Acct", "a-1")
                            .at("2024-01-01T10:00:00Z")
                            .payload("{\"amt\":10}")
                            .build(),
                    event("Opened").on("Acct", "a-2").at("2024-01-01T10:01:00Z").build(),
                    event("DepositedWithFee")
                            .on("Acct", "a-1")
                            .at("2024-01-01T10:02:00Z")
                            .payload("{\"amount\":100,\"fee\":1}")
                            .metadata("{\"correlationId\":\"c-1\"}")
                            .build(),
                    event("Noise").on("Acct", "a-1").at("2024-01-01T10:03:00Z").build(),
                    event("Deposited")
                            .on("Acct", "a-2")
                            .at("2024-01-01T10:04:00Z")
                            .payload("{\"amt\":3}")
                            .build(),
                    event("Deposited")
                            .on("Acct", "a-1")
                            .version(2)
                            .at("2024-01-01T10:05:00Z")
                            .payload("{\"amount\":5}")
                            .build());
            for (NewEvent e : events) {
                store.append(List.of(e), ExpectedVersion.ANY);
            }
        }
    }
}
