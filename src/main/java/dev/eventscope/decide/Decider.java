package dev.eventscope.decide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.Metadata;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Text;
import dev.eventscope.model.CommandModel;
import dev.eventscope.model.Decision;
import dev.eventscope.model.JsltRule;
import dev.eventscope.model.Model;
import dev.eventscope.model.RuleFailure;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Folded;
import dev.eventscope.replay.Folder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides one command with the model's rules: finds the target aggregate's id in the command,
 * reads the target's state and the other states its command type reads (all at the reader's cut),
 * runs {@code decide}, and turns the events it returns into new events for the target's stream.
 * Pure: the same command against the same states gives the same decision, event ids included,
 * and nothing is written.
 *
 * <p>A decided event's eventId is derived from the command's id, the target and its place in the
 * decision; its time is the command's unless the rule gives one; its metadata is the command's
 * (without a causationId), then what the rule gives, then the command's correlationId (its own id
 * when it has none) and the command's id as causationId. The events are folded onto the state in
 * memory before anyone appends them, so a decision whose events the reducers refuse fails here.
 */
public final class Decider {

    private final Model model;
    private final EventJson.ReadOptions readOptions;

    public Decider(Model model, EventJson.ReadOptions readOptions) {
        this.model = model;
        this.readOptions = readOptions;
    }

    public Model model() {
        return model;
    }

    /**
     * The decision on {@code command} (whose time must be set) against the states of {@code states}.
     *
     * @throws dev.eventscope.error.NotFoundException when the model has no such command type
     * @throws InvalidInputException when a rule fails, finds no aggregate id, returns the wrong
     *     shape or an invalid event, or the decided events do not fold
     */
    public Decided decide(Command command, StateReader states) {
        if (command.timestamp() == null) {
            throw new IllegalArgumentException("a command is decided at a time: set it first");
        }
        CommandModel type = model.command(command.commandType());
        StreamId target = target(type, command);
        AggregateState state = states.state(target);
        ObjectNode tree = command.tree(target.aggregateType(), target.aggregateId());
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        variables.put(CommandModel.COMMAND, tree);
        variables.put(CommandModel.STATE, state.state());
        List<Decided.Read> reads = new ArrayList<>();
        for (CommandModel.Read r : type.reads().values()) {
            String readId = aggregateId(
                    r.aggregateId(),
                    tree,
                    Map.of(CommandModel.COMMAND, tree, CommandModel.STATE, state.state()),
                    command,
                    "read " + r.name());
            AggregateState read = states.state(stream(r.aggregateType(), readId, r.aggregateId(), command));
            reads.add(new Decided.Read(r.name(), read));
            variables.put(r.name(), read.state());
        }
        JsonNode result = run(type.decide(), tree, variables, command);
        Decision decision;
        try {
            decision = Decision.read(result);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "rule " + type.decide().source().name() + " returned no decision for " + describe(command),
                    List.of(type.decide().source().at() + ": " + e.getMessage()),
                    "a decide rule returns a list of events, or {\"rejected\": REASON}");
        }
        if (decision instanceof Decision.Rejected) {
            return new Decided(command, target, state, reads, decision, List.of(), state.folded());
        }
        List<NewEvent> events = events(type, (Decision.Accepted) decision, command, target);
        Folded after = fold(state, events, type, command);
        return new Decided(command, target, state, reads, decision, events, after);
    }

    /**
     * The aggregate {@code command} targets: its command type's aggregate type, with the id its
     * rule finds in the command.
     *
     * @throws dev.eventscope.error.NotFoundException when the model has no such command type
     * @throws InvalidInputException when the rule fails or finds no id
     */
    public StreamId target(Command command) {
        return target(model.command(command.commandType()), command);
    }

    private StreamId target(CommandModel type, Command command) {
        ObjectNode bare = command.tree(null, null);
        String id = aggregateId(type.aggregateId(), bare, Map.of(CommandModel.COMMAND, bare), command, "target");
        return stream(type.aggregateType(), id, type.aggregateId(), command);
    }

    private String aggregateId(
            JsltRule rule, JsonNode input, Map<String, JsonNode> variables, Command command, String what) {
        JsonNode id = run(rule, input, variables, command);
        if (!id.isTextual() || id.textValue().isBlank()) {
            throw new InvalidInputException(
                    describe(command) + " names no aggregate id for its " + what + ": rule "
                            + rule.source().name() + " gave "
                            + (id.isNull() ? "null" : Json.kind(id) + " " + Text.printable(id.toString(), 80)),
                    List.of(rule.source().at() + ": "
                            + Text.printable(rule.text().strip(), 200)),
                    "give the command what the rule reads (its payload is "
                            + Text.printable(Json.write(command.payload()), 200) + ")");
        }
        return id.textValue();
    }

    private static StreamId stream(String aggregateType, String id, JsltRule rule, Command command) {
        try {
            return new StreamId(aggregateType, id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    describe(command) + ": rule " + rule.source().name() + " gave an aggregate id that cannot be one: "
                            + e.getMessage(),
                    List.of(rule.source().at()),
                    "aggregate ids are 1 to " + StreamId.MAX_LENGTH + " characters without control characters");
        }
    }

    private static JsonNode run(JsltRule rule, JsonNode input, Map<String, JsonNode> variables, Command command) {
        try {
            return rule.applyWith(input, variables);
        } catch (RuleFailure f) {
            throw new InvalidInputException(
                    "rule " + f.source().name() + " failed on " + describe(command),
                    List.of(f.location() + ": " + f.getMessage()),
                    "fix the rule; command specs ('evs test') try a rule on given events and commands");
        }
    }

    private List<NewEvent> events(CommandModel type, Decision.Accepted decision, Command command, StreamId target) {
        List<NewEvent> events = new ArrayList<>();
        int index = 0;
        for (JsonNode decided : decision.events()) {
            ObjectNode json = Json.object();
            json.put("eventId", eventId(command.commandId(), target, index).toString());
            json.set("eventType", decided.get("eventType"));
            json.put("aggregateType", target.aggregateType());
            json.put("aggregateId", target.aggregateId());
            if (decided.has("eventVersion")) {
                json.set("eventVersion", decided.get("eventVersion"));
            }
            JsonNode time = decided.get("timestamp");
            json.set(
                    "timestamp",
                    time == null || time.isNull() ? command.tree(null, null).get("timestamp") : time);
            json.set(
                    "payload",
                    decided.has("payload") && !decided.get("payload").isNull()
                            ? decided.get("payload")
                            : Json.object());
            json.set("metadata", metadata(command, decided.get("metadata")));
            try {
                events.add(EventJson.read(json, readOptions));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "rule " + type.decide().source().name() + " decided an invalid event for " + describe(command),
                        List.of(type.decide().source().at() + ": event " + (index + 1) + " ("
                                + Text.printable(decided.get("eventType").textValue(), 80) + "): " + e.getMessage()),
                        "fix the rule");
            }
            index++;
        }
        return events;
    }

    private static ObjectNode metadata(Command command, JsonNode fromRule) {
        ObjectNode m = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = command.metadata().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals(Metadata.CAUSATION_ID) && !f.getKey().equals(Metadata.CORRELATION_ID)) {
                m.set(f.getKey(), f.getValue());
            }
        }
        if (fromRule != null && fromRule.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fromRule.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                m.set(f.getKey(), f.getValue());
            }
        }
        // the command's, always, and always last
        m.remove(Metadata.CORRELATION_ID);
        m.remove(Metadata.CAUSATION_ID);
        m.put(Metadata.CORRELATION_ID, command.correlationId());
        m.put(Metadata.CAUSATION_ID, command.commandId());
        return m;
    }

    /** The target's point after {@code events}, read through the model's upcasters as if stored. */
    private Folded fold(AggregateState state, List<NewEvent> events, CommandModel type, Command command) {
        Folder folder = new Folder(model.aggregate(state.stream().aggregateType()));
        Folded folded = state.folded();
        long position = Math.max(state.cut().upTo(), state.position());
        long version = state.version();
        try {
            for (NewEvent e : events) {
                RecordedEvent recorded = new RecordedEvent(
                        ++position,
                        e.eventId(),
                        e.eventType(),
                        e.stream(),
                        ++version,
                        e.eventVersion(),
                        e.timestamp(),
                        command.timestamp(),
                        e.payload(),
                        e.metadata(),
                        e.correlationId(),
                        e.causationId(),
                        e.userId(),
                        null);
                for (RecordedEvent read : model.transform().apply(recorded)) {
                    folded = folder.apply(folded, read);
                }
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "the events rule " + type.decide().source().name() + " decided for " + describe(command)
                            + " do not fold into " + state.stream() + ": " + e.getMessage(),
                    e.problems(),
                    e.hint().orElse("fix the rule or the reducers"));
        }
        return folded;
    }

    /** The eventId of the {@code index}th event {@code commandId} causes in {@code stream}: the same on every decision. */
    static UUID eventId(String commandId, StreamId stream, int index) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String part : new String[] {
            "eventscope-command-event-v1",
            commandId,
            stream.aggregateType(),
            stream.aggregateId(),
            Integer.toString(index)
        }) {
            byte[] b = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(4).putInt(b.length).array());
            sha256.update(b);
        }
        ByteBuffer bytes = ByteBuffer.wrap(sha256.digest());
        long high = (bytes.getLong() & ~0xF000L) | 0x8000L; // version 8
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // RFC variant
        return new UUID(high, low);
    }

    /** How messages name a command: {@code ShipOrder cmd-17}. */
    static String describe(Command command) {
        return command.commandType() + " " + Text.printable(command.commandId(), 80);
    }
}
