package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.UsageException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the port says when a store does not offer an optional capability. */
class EventStoreRequireTest {

    /** A store that offers neither processing nor queries, and answers nothing else. */
    static EventStore offeringNothing() {
        return (EventStore) Proxy.newProxyInstance(
                EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    return switch (method.getName()) {
                        case "locator" -> StoreLocator.file(Path.of("archive.db"));
                        case "processing", "readModelQuery" -> Optional.empty();
                        default -> throw new AssertionError("not expected: " + method.getName());
                    };
                });
    }

    @Test
    void processing_that_is_not_offered_is_a_usage_error_naming_the_store_and_the_commands() {
        assertThatThrownBy(() -> offeringNothing().requireProcessing())
                .isInstanceOf(UsageException.class)
                .hasMessage("the store archive.db does not offer checkpoints, dead letters and read models")
                .satisfies(
                        e -> assertThat(((UsageException) e).hint())
                                .hasValue(
                                        "process, dlq and project need a store that does: a SQLite file or a PostgreSQL schema"));
    }

    @Test
    void queries_that_are_not_offered_are_a_usage_error() {
        assertThatThrownBy(() -> offeringNothing().requireReadModelQuery())
                .isInstanceOf(UsageException.class)
                .hasMessage("the store archive.db does not offer read-only SQL queries");
    }
}
