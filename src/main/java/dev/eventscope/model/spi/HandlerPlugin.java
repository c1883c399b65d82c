package dev.eventscope.model.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * An event handler written in Java, for {@code handlers:} entries of {@code kind: plugin}.
 *
 * <p>Package implementations in a jar with a {@code META-INF/services/} entry named after this
 * interface, pass the jar with {@code --plugin JAR}, and name the class in the model
 * ({@code class: com.example.Notifier}). Handlers run on one thread at a time.
 *
 * <p>Delivery is at least once: after a crash or a failure, an event may be handled again, so use
 * the eventId as an idempotency key for anything done outside the store. The events a handler
 * returns are appended exactly once, in the transaction that advances its checkpoint.
 */
public interface HandlerPlugin {

    /**
     * Handles one event.
     *
     * @param event the event after upcasting, in the output shape of the event JSON (eventId,
     *     eventType, aggregateId, aggregateType, eventVersion, timestamp, payload, metadata, position,
     *     streamVersion, recordedAt); do not modify it
     * @return new events to append, each in the input shape (eventType, aggregateType, aggregateId,
     *     and optionally eventVersion, timestamp, payload, metadata); an empty list for none
     * @throws Exception to fail: the event is retried by the handler's policy, then dead-lettered
     *     with the exception's message
     */
    List<JsonNode> handle(JsonNode event) throws Exception;
}
