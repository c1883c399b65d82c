package dev.eventscope.engine;

import dev.eventscope.event.EventJson;
import dev.eventscope.store.StoreLocator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;

/** The orders sample imported into a new store, for engine tests. */
final class OrdersSample {

    static final Path MODEL = Path.of("samples/orders/eventscope.yaml");
    static final Path EVENTS = Path.of("samples/orders/events.ndjson");

    private OrdersSample() {}

    /** An engine over a new store in {@code dir} holding the sample's 418 events, with the sample's model. */
    static Engine imported(Path dir) {
        Engine engine = Engine.open(new Workspace.Settings(
                StoreLocator.file(dir.resolve("orders.db")),
                MODEL,
                ZoneOffset.UTC,
                Duration.ofSeconds(10),
                EventJson.DEFAULT_MAX_PAYLOAD));
        engine.events()
                .importEvents(new EventService.ImportOptions(
                        new EventService.ImportSource.File(EVENTS, EVENTS.toString()),
                        false,
                        null,
                        true,
                        EventJson.DEFAULT_MAX_PAYLOAD,
                        null));
        return engine;
    }
}
