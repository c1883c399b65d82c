package dev.eventscope.engine;

import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

/**
 * A store file (and optionally a model file) in a directory, wired as the CLI wires them, for
 * in-process tests of the engine and of the front ends over it (the web console).
 */
public final class TestStore implements AutoCloseable {

    private final Engines engines;
    private final Engine engine;

    private TestStore(Engines engines) {
        this.engines = engines;
        this.engine = engines.open();
    }

    /** A store {@code dir/events.db}, with the model {@code model} (YAML) when not null. */
    public static TestStore in(Path dir, String model) {
        Path modelFile = null;
        if (model != null) {
            modelFile = dir.resolve("model.yaml");
            try {
                Files.writeString(modelFile, model, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TestStore(new Engines(new Workspace.Settings(
                StoreLocator.file(dir.resolve("events.db")),
                modelFile,
                ZoneOffset.UTC,
                StoreOptions.DEFAULT_BUSY_TIMEOUT,
                EventJson.DEFAULT_MAX_PAYLOAD)));
    }

    public Engines engines() {
        return engines;
    }

    /** An engine for the test's own calls (the test's thread only). */
    public Engine engine() {
        return engine;
    }

    /** Appends each event (JSON in the input shape) in a transaction of its own. */
    public TestStore append(String... events) {
        for (String json : events) {
            var batch =
                    engine.events().read(json.getBytes(StandardCharsets.UTF_8), "test", EventJson.DEFAULT_MAX_PAYLOAD);
            engine.events().append(new EventService.AppendOptions(batch, ExpectedVersion.ANY, false));
        }
        return this;
    }

    @Override
    public void close() {
        engine.close();
    }
}
