package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.ResolvedCut;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One saga instance under an edited history, next to the real one ({@code whatif --saga}): events
 * dropped, inserted after others or replaced, then both histories folded the same way (ADR 0180).
 * The events the saga itself emitted into the log are left out of both, and each fold emits what
 * its own history makes it emit, so the two differ by the edits alone. Nothing is written.
 */
final class SagaWhatIf {

    /** The real and the hypothetical instance, the patch between their states, and the edits made. */
    record Result(SagaView real, SagaView hypothetical, ArrayNode patch, ArrayNode edits) {}

    private final EventJson.ReadOptions readOptions;

    SagaWhatIf(EventJson.ReadOptions readOptions) {
        this.readOptions = readOptions;
    }

    /**
     * @param log the saga's events inside the cut, in position order
     * @param own the ids of the events in {@code log} that the saga emitted itself
     */
    Result whatIf(
            SagaMachine machine,
            String instanceId,
            List<RecordedEvent> log,
            Set<UUID> own,
            ResolvedCut cut,
            Instant now,
            java.time.Duration stuckAfter,
            List<Edit> edits,
            Fold fold) {
        List<RecordedEvent> base = new ArrayList<>();
        for (RecordedEvent e : log) {
            if (!own.contains(e.eventId())) {
                base.add(e);
            }
        }
        ArrayNode described = Json.mapper().createArrayNode();
        List<RecordedEvent> edited = edit(base, own, edits, described);
        Instance real = fold.run(base).get(instanceId);
        Instance other = fold.run(edited).get(instanceId);
        if (real == null && other == null) {
            throw new NotFoundException(
                    "saga " + machine.saga() + " has no instance '" + instanceId + "' at "
                            + cut.asOptions().strip() + ", and the edits start none",
                    "list its instances with 'evs saga list " + machine.saga() + "'");
        }
        SagaView r = real == null ? null : SagaViews.view(machine, real, now, stuckAfter, true);
        SagaView h = other == null ? null : SagaViews.view(machine, other, now, stuckAfter, true);
        JsonNode from = r == null || r.state() == null ? Json.object() : r.state();
        JsonNode to = h == null || h.state() == null ? Json.object() : h.state();
        return new Result(r, h, JsonPatch.diff(from, to), described);
    }

    /** How to fold a list of events: the instances it gives. */
    interface Fold {
        Map<String, Instance> run(List<RecordedEvent> events);
    }

    private List<RecordedEvent> edit(List<RecordedEvent> stored, Set<UUID> own, List<Edit> edits, ArrayNode out) {
        Map<UUID, RecordedEvent> byId = new HashMap<>();
        for (RecordedEvent e : stored) {
            byId.put(e.eventId(), e);
        }
        Set<UUID> dropped = new HashSet<>();
        Map<UUID, RecordedEvent> replaced = new HashMap<>();
        Map<UUID, List<RecordedEvent>> inserted = new LinkedHashMap<>();
        for (Edit edit : edits) {
            if (own.contains(edit.target())) {
                throw new UsageException(
                        "event " + edit.target() + " was emitted by the saga itself: each history emits its own",
                        "edit the event that caused it instead");
            }
            RecordedEvent target = byId.get(edit.target());
            if (target == null) {
                throw new NotFoundException(
                        "event " + edit.target() + " is not one the saga takes inside the cut",
                        "see the instance's events with 'evs saga show SAGA ID'");
            }
            ObjectNode d = out.addObject();
            if (edit instanceof Edit.Drop) {
                dropped.add(target.eventId());
                d.put("drop", target.eventId().toString());
            } else if (edit instanceof Edit.Replace r) {
                List<NewEvent> events = read(r.file(), target);
                if (events.size() != 1) {
                    throw new InvalidInputException(
                            r.file() + " has " + events.size() + " events; --replace needs exactly one");
                }
                replaced.put(target.eventId(), recorded(events.get(0), target, target.eventId()));
                d.put("replace", target.eventId().toString());
                d.put("with", r.file().toString());
            } else if (edit instanceof Edit.Insert i) {
                List<NewEvent> events = read(i.file(), target);
                List<RecordedEvent> list = inserted.computeIfAbsent(target.eventId(), k -> new ArrayList<>());
                for (NewEvent n : events) {
                    UUID id = n.eventId() != null
                            ? n.eventId()
                            : UUID.nameUUIDFromBytes(("whatif:" + target.eventId() + ":" + i.file() + ":" + list.size())
                                    .getBytes(StandardCharsets.UTF_8));
                    list.add(recorded(n, target, id));
                }
                d.put("insert", i.file().toString());
                d.put("after", target.eventId().toString());
                d.put("events", events.size());
            } else {
                throw new UsageException("this edit does not apply to a saga instance: " + edit);
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
        return result;
    }

    /** An edit's event at the place of {@code target}: its position, and its timestamp unless it gives one. */
    private static RecordedEvent recorded(NewEvent n, RecordedEvent target, UUID id) {
        return new RecordedEvent(
                target.position(),
                id,
                n.eventType(),
                n.stream(),
                1,
                n.eventVersion(),
                n.timestamp() != null ? n.timestamp() : target.timestamp(),
                target.recordedAt(),
                n.payload(),
                n.metadata(),
                n.correlationId(),
                n.causationId(),
                n.userId(),
                null);
    }

    /** The events in {@code file}: one JSON object or an array; the stream defaults to the target's. */
    private List<NewEvent> read(Path file, RecordedEvent target) {
        JsonNode json;
        try {
            byte[] bytes = Files.readAllBytes(file);
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
                if (!o.has("aggregateType") && !o.has("aggregateId")) {
                    o.put("aggregateType", target.aggregateType());
                    o.put("aggregateId", target.aggregateId());
                }
                item = o;
            }
            try {
                events.add(EventJson.read(item, readOptions));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        file + (items.size() > 1 ? " event " + (i + 1) : "") + ": " + e.getMessage());
            }
        }
        return events;
    }
}
