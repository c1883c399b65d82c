package dev.eventscope.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.store.EventQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The state of one aggregate under an edited history, next to the real one ({@code evs whatif}).
 * The edits are applied to a copy of the stream in memory, which then goes through the same
 * pipeline and fold as the real stream: nothing is written to the store.
 */
public final class WhatIf {

    /** The real and hypothetical states, the patch from one to the other, and the edits made. */
    public record Result(AggregateState real, AggregateState hypothetical, ArrayNode patch, ArrayNode edits) {

        /** The public JSON shape ({@code whatif -o json}). */
        public ObjectNode json() {
            ObjectNode o = Json.object();
            o.put("aggregateType", real.stream().aggregateType());
            o.put("aggregateId", real.stream().aggregateId());
            o.set("cut", real.cut().json());
            o.set("edits", edits);
            o.set("real", side(real));
            o.set("hypothetical", side(hypothetical));
            o.set("patch", patch);
            return o;
        }

        private static ObjectNode side(AggregateState s) {
            ObjectNode o = Json.object();
            o.put("version", s.version());
            if (s.position() > 0) {
                o.put("position", s.position());
            } else {
                o.putNull("position");
            }
            o.set("state", s.state());
            return o;
        }
    }

    /**
     * Decides the command of an {@link Edit.Command} against a hypothetical history: the engine
     * supplies it, since deciders sit above folding.
     */
    @FunctionalInterface
    public interface Decisions {

        /** What the command decided: its type and id, and its events, or the reason it was rejected. */
        record Decided(String commandType, String commandId, List<NewEvent> events, String rejected) {}

        /**
         * Decides the command in {@code edit}'s file against {@code history}: the stored events of
         * {@code stream} as edited, up to the point after {@code after}.
         */
        Decided decide(Edit.Command edit, StreamId stream, List<RecordedEvent> history, RecordedEvent after);
    }

    private final TimeMachine machine;
    private final EventJson.ReadOptions readOptions;
    private final Decisions decisions;

    public WhatIf(TimeMachine machine, EventJson.ReadOptions readOptions) {
        this(machine, readOptions, null);
    }

    /** With {@code decisions} (null: command edits are refused). */
    public WhatIf(TimeMachine machine, EventJson.ReadOptions readOptions, Decisions decisions) {
        this.machine = machine;
        this.readOptions = readOptions;
        this.decisions = decisions;
    }

    public Result whatIf(String aggregateId, String aggregateType, Cut cut, List<Edit> edits) {
        StreamId stream = machine.resolve(aggregateId, aggregateType);
        AggregateModel aggregate = machine.model().aggregate(stream.aggregateType());
        ResolvedCut resolved = machine.resolve(cut);
        List<RecordedEvent> stored;
        try (Stream<RecordedEvent> s =
                machine.store().read(EventQuery.stream(stream).withPositions(null, resolved.upTo()))) {
            stored = s.toList();
        }
        ArrayNode described = Json.mapper().createArrayNode();
        List<RecordedEvent> edited = edit(stream, stored, edits, described);
        // both timelines folded the same way, from the first event: the real one as the store has it
        AggregateState real = TimeMachine.stateOf(machine.source(), stream, aggregate, resolved);
        EventSource hypothetical = EventSource.of(edited, machine.source().transform());
        AggregateState other = TimeMachine.stateOf(hypothetical, stream, aggregate, resolved);
        return new Result(real, other, JsonPatch.diff(real.state(), other.state()), described);
    }

    private List<RecordedEvent> edit(StreamId stream, List<RecordedEvent> stored, List<Edit> edits, ArrayNode out) {
        Map<UUID, RecordedEvent> byId = new HashMap<>();
        for (RecordedEvent e : stored) {
            byId.put(e.eventId(), e);
        }
        Set<UUID> dropped = new HashSet<>();
        Map<UUID, RecordedEvent> replaced = new HashMap<>();
        Map<UUID, List<RecordedEvent>> inserted = new LinkedHashMap<>();
        for (Edit edit : edits) {
            RecordedEvent target = byId.get(edit.target());
            if (target == null) {
                throw new NotFoundException(
                        "event " + edit.target() + " is not in " + stream + " inside the cut",
                        "list its events with 'evs events --aggregate-type " + stream.aggregateType()
                                + " --aggregate-id " + stream.aggregateId() + "'");
            }
            if (edit instanceof Edit.Command) {
                // decided once the other edits are made (below): it sees the history they make
                continue;
            }
            ObjectNode d = out.addObject();
            if (edit instanceof Edit.Drop) {
                dropped.add(target.eventId());
                d.put("drop", target.eventId().toString());
            } else if (edit instanceof Edit.Replace r) {
                List<NewEvent> events = read(r.file(), r.json(), stream);
                if (events.size() != 1) {
                    throw new InvalidInputException(
                            r.file() + " has " + events.size() + " events; --replace needs exactly one");
                }
                NewEvent n = events.get(0);
                replaced.put(
                        target.eventId(),
                        new RecordedEvent(
                                target.position(),
                                target.eventId(),
                                n.eventType(),
                                stream,
                                target.streamVersion(),
                                n.eventVersion(),
                                n.timestamp() != null ? n.timestamp() : target.timestamp(),
                                target.recordedAt(),
                                n.payload(),
                                n.metadata(),
                                n.correlationId(),
                                n.causationId(),
                                n.userId(),
                                null));
                d.put("replace", target.eventId().toString());
                d.put("with", r.file().toString());
            } else if (edit instanceof Edit.Insert i) {
                List<NewEvent> events = read(i.file(), i.json(), stream);
                List<RecordedEvent> list = inserted.computeIfAbsent(target.eventId(), k -> new ArrayList<>());
                for (NewEvent n : events) {
                    UUID id = n.eventId() != null
                            ? n.eventId()
                            : UUID.nameUUIDFromBytes(("whatif:" + target.eventId() + ":" + i.file() + ":" + list.size())
                                    .getBytes(StandardCharsets.UTF_8));
                    list.add(new RecordedEvent(
                            target.position(),
                            id,
                            n.eventType(),
                            stream,
                            target.streamVersion(),
                            n.eventVersion(),
                            n.timestamp() != null ? n.timestamp() : target.timestamp(),
                            target.recordedAt(),
                            n.payload(),
                            n.metadata(),
                            n.correlationId(),
                            n.causationId(),
                            n.userId(),
                            null));
                }
                d.put("insert", i.file().toString());
                d.put("after", target.eventId().toString());
                d.put("events", events.size());
            }
        }
        for (UUID id : dropped) {
            if (replaced.containsKey(id)) {
                throw new UsageException("event " + id + " is both dropped and replaced", "give one edit per event");
            }
        }
        List<RecordedEvent> result = new ArrayList<>();
        for (RecordedEvent e : stored) {
            if (!dropped.contains(e.eventId())) {
                result.add(replaced.getOrDefault(e.eventId(), e));
            }
            result.addAll(inserted.getOrDefault(e.eventId(), List.of()));
        }
        for (Edit edit : edits) {
            if (edit instanceof Edit.Command c) {
                decide(c, byId.get(c.target()), stream, result, dropped, out.addObject());
            }
        }
        return result;
    }

    /** Inserts the events of the command edit {@code c} into {@code result} after its target, and says so in {@code d}. */
    private void decide(
            Edit.Command c,
            RecordedEvent target,
            StreamId stream,
            List<RecordedEvent> result,
            Set<UUID> dropped,
            ObjectNode d) {
        if (decisions == null) {
            throw new UsageException("this what-if cannot decide commands", "it needs the model's deciders");
        }
        if (dropped.contains(target.eventId())) {
            throw new UsageException(
                    "--command " + c.file() + " goes after event " + target.eventId() + ", which is dropped",
                    "put it after another event");
        }
        int end = 0;
        while (end < result.size() && result.get(end).position() <= target.position()) {
            end++;
        }
        Decisions.Decided decided = decisions.decide(c, stream, List.copyOf(result.subList(0, end)), target);
        d.put("command", c.file().toString());
        d.put("after", target.eventId().toString());
        d.put("commandType", decided.commandType());
        d.put("commandId", decided.commandId());
        if (decided.rejected() != null) {
            d.put("rejected", decided.rejected());
            return;
        }
        d.put("events", decided.events().size());
        List<RecordedEvent> events = new ArrayList<>();
        for (NewEvent n : decided.events()) {
            events.add(new RecordedEvent(
                    target.position(),
                    n.eventId(),
                    n.eventType(),
                    stream,
                    target.streamVersion(),
                    n.eventVersion(),
                    n.timestamp() != null ? n.timestamp() : target.timestamp(),
                    target.recordedAt(),
                    n.payload(),
                    n.metadata(),
                    n.correlationId(),
                    n.causationId(),
                    n.userId(),
                    null));
        }
        result.addAll(end, events);
    }

    /**
     * The events in {@code file} (or in {@code text}, named {@code file}, when given): one JSON
     * object or an array; the stream may be left out.
     */
    private List<NewEvent> read(Path file, String text, StreamId stream) {
        JsonNode json;
        try {
            byte[] bytes = text != null ? text.getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(file);
            json = Json.parse(bytes, 0, bytes.length);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("event file " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException(
                    file + " is not a JSON event: " + e.getMessage().split("\n")[0],
                    "give one event as a JSON object, or a JSON array of events");
        }
        List<JsonNode> items = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(items::add);
        } else {
            items.add(json);
        }
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isObject()) {
                ObjectNode o = ((ObjectNode) item).deepCopy();
                if (!o.has("aggregateType")) {
                    o.put("aggregateType", stream.aggregateType());
                }
                if (!o.has("aggregateId")) {
                    o.put("aggregateId", stream.aggregateId());
                }
                item = o;
            }
            NewEvent n;
            try {
                n = EventJson.read(item, readOptions);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        file + (items.size() > 1 ? " event " + (i + 1) : "") + ": " + e.getMessage());
            }
            if (!n.stream().equals(stream)) {
                throw new InvalidInputException(
                        file + ": the event belongs to " + n.stream() + ", not to " + stream,
                        "what-if edits change one stream; leave aggregateType and aggregateId out");
            }
            events.add(n);
        }
        return events;
    }
}
