package dev.eventscope.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.event.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command type of the model's {@code commands:} section: the aggregate type it targets, the
 * rule that finds the target's id in the command, the other aggregates whose states the decision
 * reads, and the {@code decide} rule from the command and the states to new events or a rejection
 * ({@link Decisions}).
 *
 * <p>Immutable; its rules run through {@link JsltRule#applyWith}, so one model serves several
 * threads.
 *
 * @param aggregateId a rule over the command ({@code .} and {@code $command}) giving the target's id
 * @param reads the other states the decision sees, by the variable name they are bound to
 * @param decide a rule over {@code $command}, {@code $state} and one variable per read
 * @param at where the model file names its aggregate type ({@code file:line:column}), for messages
 */
public record CommandModel(
        String type, String aggregateType, JsltRule aggregateId, Map<String, Read> reads, JsltRule decide, String at) {

    /** The variable the command is bound to in every rule of a command type. */
    public static final String COMMAND = "command";

    /** The variable the target aggregate's state is bound to. */
    public static final String STATE = "state";

    /** Names a read cannot take: the variables every decider has, and the reducers' {@code $event}. */
    static final List<String> RESERVED = List.of(COMMAND, STATE, "event");

    /**
     * One more aggregate whose state the decision reads (at the same cut as the target), bound to
     * the variable {@code name}.
     *
     * @param aggregateId a rule over {@code $command} and {@code $state} (the target's state)
     * @param at where the model file names its aggregate type, for messages
     */
    public record Read(String name, String aggregateType, JsltRule aggregateId, String at) {
        public Read {
            Objects.requireNonNull(name);
            Objects.requireNonNull(aggregateType);
            Objects.requireNonNull(aggregateId);
        }
    }

    public CommandModel {
        Objects.requireNonNull(type);
        Objects.requireNonNull(aggregateType);
        Objects.requireNonNull(aggregateId);
        Objects.requireNonNull(decide);
        reads = Collections.unmodifiableMap(new LinkedHashMap<>(reads));
    }

    /**
     * The command as every rule of a command type sees it ({@code .} and {@code $command}):
     * commandId, commandType, aggregateType and aggregateId (the target, absent while its id is
     * being found), timestamp (UTC, with Z), payload and metadata.
     */
    public static ObjectNode tree(
            String commandId,
            String commandType,
            String aggregateType,
            String aggregateId,
            String timestamp,
            JsonNode payload,
            JsonNode metadata) {
        ObjectNode o = Json.object();
        o.put("commandId", commandId);
        o.put("commandType", commandType);
        if (aggregateType != null) {
            o.put("aggregateType", aggregateType);
        }
        if (aggregateId != null) {
            o.put("aggregateId", aggregateId);
        }
        o.put("timestamp", timestamp);
        o.set("payload", payload);
        o.set("metadata", metadata);
        return o;
    }
}
