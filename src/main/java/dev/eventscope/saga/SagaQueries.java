package dev.eventscope.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import dev.eventscope.model.Model;
import dev.eventscope.model.SagaModel;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ProcessingStore;
import dev.eventscope.store.SagaLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The instances of sagas at a cut, worked out from the events ({@code saga list}, {@code saga
 * show}): the saga's event types inside the cut are read through the pipeline (upcasters apply) and
 * folded by {@link SagaFold}, with what {@code process} would append kept in memory. Without a cut,
 * the saga's dead letters say what {@code process} did with the events its rules failed on.
 *
 * <p>The reference time deadlines and waits are measured against is {@code --now} when given, else
 * the cut's valid time ({@code --at}), else its record time ({@code --as-of}), else the clock: the
 * question "which were stuck on Friday at noon" is asked with {@code --at FRIDAY_NOON}.
 */
public final class SagaQueries {

    private final EventStore store;
    private final EventSource source;
    private final Model model;

    public SagaQueries(EventStore store, EventSource source, Model model) {
        this.store = store;
        this.source = source;
        this.model = model;
    }

    /** What to list: which sagas (empty: all), at which cut and time, which instances. */
    public record ListRequest(
            List<String> sagas, Cut cut, Instant now, Duration stuckFor, SagaView.Status status, Integer limit) {
        public ListRequest {
            sagas = sagas == null ? List.of() : List.copyOf(sagas);
            cut = cut == null ? Cut.LATEST : cut;
            if (stuckFor != null && stuckFor.isNegative()) {
                throw new UsageException("--stuck-for must not be negative");
            }
            if (limit != null && limit < 0) {
                throw new UsageException("--limit must be 0 or more, got " + limit);
            }
        }
    }

    /** The instances of the sagas asked for, by saga (in model order) and instance id. */
    public SagaListing list(ListRequest r) {
        List<SagaModel> sagas = sagas(r.sagas());
        ResolvedCut cut = resolve(r.cut());
        Instant now = now(r.now(), r.cut());
        List<SagaView> out = new ArrayList<>();
        List<SagaListing.Counts> counts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long events = 0;
        for (SagaModel saga : sagas) {
            SagaMachine machine = new SagaMachine(saga);
            Duration patience = r.stuckFor() != null ? r.stuckFor() : saga.stuckAfter();
            SagaFold.Result result = fold(machine, cut, now, false, null);
            events += result.events();
            warnings.addAll(result.warnings());
            long running = 0;
            long stuck = 0;
            long ended = 0;
            for (Instance i : result.instances().values()) {
                SagaView v = SagaViews.view(machine, i, now, patience, false);
                switch (v.status()) {
                    case RUNNING:
                        running++;
                        break;
                    case STUCK:
                        stuck++;
                        break;
                    default:
                        ended++;
                }
                if ((r.status() == null || r.status() == v.status()) && (r.limit() == null || out.size() < r.limit())) {
                    out.add(v);
                }
            }
            counts.add(new SagaListing.Counts(saga.name(), running, stuck, ended));
        }
        return new SagaListing(cut, now, r.stuckFor(), out, counts, events, warnings);
    }

    /** One instance with its timeline, and the cut and time it was worked out at. */
    public record Shown(SagaView instance, ResolvedCut cut, Instant now, List<String> warnings) {}

    /**
     * One instance of {@code saga} with its timeline.
     *
     * @throws NotFoundException when no event inside the cut started it
     */
    public Shown show(String sagaName, String instanceId, Cut cutGiven, Instant nowGiven, Duration stuckFor) {
        SagaModel saga = model.saga(sagaName);
        Cut c = cutGiven == null ? Cut.LATEST : cutGiven;
        ResolvedCut cut = resolve(c);
        Instant now = now(nowGiven, c);
        SagaMachine machine = new SagaMachine(saga);
        SagaFold.Result result = fold(machine, cut, now, true, instanceId);
        Instance i = result.instances().get(instanceId);
        if (i == null) {
            throw new NotFoundException(
                    "saga " + sagaName + " has no instance '" + instanceId + "' at "
                            + cut.asOptions().strip(),
                    "list its instances with 'evs saga list " + sagaName + "'");
        }
        Duration patience = stuckFor != null ? stuckFor : saga.stuckAfter();
        return new Shown(SagaViews.view(machine, i, now, patience, true), cut, now, result.warnings());
    }

    private List<SagaModel> sagas(List<String> names) {
        if (names.isEmpty()) {
            if (model.sagas().isEmpty()) {
                throw new NotFoundException(
                        "the model " + model.name() + " has no sagas", "define them under 'sagas:' in the model file");
            }
            return List.copyOf(model.sagas().values());
        }
        List<SagaModel> out = new ArrayList<>();
        for (String n : names) {
            out.add(model.saga(n));
        }
        return out;
    }

    private ResolvedCut resolve(Cut cut) {
        if (cut instanceof Cut.Version) {
            throw new UsageException(
                    "--version cuts one stream, and a saga's instances span streams",
                    "cut with --at, --as-of or --position");
        }
        return ResolvedCut.resolve(cut, store);
    }

    /** The reference time: {@code --now}, else the cut's valid time, else its record time, else the clock. */
    static Instant now(Instant given, Cut cut) {
        if (given != null) {
            return given;
        }
        if (cut instanceof Cut.At at) {
            return at.validTime();
        }
        if (cut instanceof Cut.AsOf asOf) {
            return asOf.recordTime();
        }
        return Times.nowMicros();
    }

    private SagaFold.Result fold(SagaMachine machine, ResolvedCut cut, Instant now, boolean steps, String only) {
        return fold(machine, cut, now, steps, only, read(machine, cut), letters(machine, cut));
    }

    private SagaFold.Result fold(
            SagaMachine machine,
            ResolvedCut cut,
            Instant now,
            boolean steps,
            String only,
            List<RecordedEvent> log,
            Map<UUID, List<SagaFold.Letter>> letters) {
        SagaFold fold = new SagaFold(
                machine,
                source.transform(),
                now,
                cut::happened,
                letters,
                steps,
                only,
                id -> store.byId(id)
                        .filter(e -> cut.recorded(e) && cut.happened(e))
                        .map(RecordedEvent::position)
                        .orElse(0L));
        return fold.run(log, cut.upTo());
    }

    /** The saga's event types inside the cut, through the pipeline, in position order. */
    private List<RecordedEvent> read(SagaMachine machine, ResolvedCut cut) {
        List<RecordedEvent> log = new ArrayList<>();
        EventQuery query = EventQuery.ALL
                .withPositions(null, cut.upTo())
                .withTypes(machine.model().eventTypes());
        try (Stream<RecordedEvent> s = source.read(query)) {
            s.filter(cut::happened).forEach(log::add);
        }
        return log;
    }

    private Map<UUID, List<SagaFold.Letter>> letters(SagaMachine machine, ResolvedCut cut) {
        return cut.cut() instanceof Cut.Latest ? letters(machine.saga()) : Map.of();
    }

    /**
     * One instance of {@code saga} under an edited history next to the real one, both worked out
     * from the events inside the cut without the events the saga emitted itself (each history emits
     * its own); never writes.
     */
    public WhatIfResult whatIf(
            String sagaName,
            String instanceId,
            Cut cutGiven,
            Instant nowGiven,
            List<Edit> edits,
            EventJson.ReadOptions readOptions) {
        SagaModel saga = model.saga(sagaName);
        Cut c = cutGiven == null ? Cut.LATEST : cutGiven;
        ResolvedCut cut = resolve(c);
        Instant now = now(nowGiven, c);
        SagaMachine machine = new SagaMachine(saga);
        List<RecordedEvent> log = read(machine, cut);
        Set<UUID> own = new HashSet<>();
        Instance seen = fold(machine, cut, now, true, instanceId, log, Map.of())
                .instances()
                .get(instanceId);
        if (seen != null) {
            for (SagaStep s : seen.steps) {
                for (SagaStep.Emitted e : s.emitted()) {
                    if (e.position() > 0) {
                        own.add(e.eventId());
                    }
                }
            }
        }
        SagaWhatIf.Result r = new SagaWhatIf(readOptions)
                .whatIf(
                        machine,
                        instanceId,
                        log,
                        own,
                        cut,
                        now,
                        saga.stuckAfter(),
                        edits,
                        events -> fold(machine, cut, now, true, instanceId, events, Map.of())
                                .instances());
        return new WhatIfResult(saga.name(), instanceId, r.real(), r.hypothetical(), r.patch(), r.edits(), cut, now);
    }

    /**
     * A saga instance under an edited history ({@code whatif --saga}): the real and the
     * hypothetical instance (null when that history has none), the JSON Patch from the real state to
     * the hypothetical one, the edits, and the cut and time both were worked out at.
     */
    public record WhatIfResult(
            String saga,
            String instanceId,
            SagaView real,
            SagaView hypothetical,
            ArrayNode patch,
            ArrayNode edits,
            ResolvedCut cut,
            Instant now) {

        /** The public JSON shape ({@code whatif --saga -o json}). */
        public ObjectNode json() {
            WhatIfResult r = this;
            ObjectNode o = Json.object();
            o.put("saga", r.saga());
            o.put("instance", r.instanceId());
            o.set("cut", r.cut().json());
            o.put("now", Times.format(r.now()));
            o.set("edits", r.edits());
            o.set("real", side(r.real(), r.now()));
            o.set("hypothetical", side(r.hypothetical(), r.now()));
            o.set("patch", r.patch());
            return o;
        }

        private static JsonNode side(SagaView v, Instant now) {
            if (v == null) {
                return Json.mapper().nullNode();
            }
            ObjectNode o = v.json(now);
            o.remove("saga");
            o.remove("instance");
            ArrayNode emitted = o.putArray("emitted");
            for (SagaStep s : v.timeline()) {
                for (SagaStep.Emitted e : s.emitted()) {
                    emitted.add(e.eventType());
                }
            }
            return o;
        }
    }

    /** The saga's dead letters by event id, with what each failed on; none when the store keeps none. */
    private Map<UUID, List<SagaFold.Letter>> letters(String saga) {
        Optional<ProcessingStore> processing = store.processing();
        if (processing.isEmpty()) {
            return Map.of();
        }
        Map<Long, SagaLetter> links = new HashMap<>();
        for (SagaLetter l : processing.get().sagas().letters(saga)) {
            links.put(l.letterId(), l);
        }
        Map<UUID, List<SagaFold.Letter>> out = new HashMap<>();
        for (DeadLetter d : processing.get().deadLetters().find(DeadLetterQuery.ALL.withHandler(saga))) {
            if (d.blockedBy() != null && d.status() == DeadLetter.Status.PARKED) {
                // parked behind another: the fold parks it behind that one itself
                continue;
            }
            SagaLetter link = links.get(d.id());
            out.computeIfAbsent(d.eventId(), k -> new ArrayList<>())
                    .add(new SagaFold.Letter(
                            d.id(), d.status().label(), link == null ? null : link.deadline(), d.error()));
        }
        return out;
    }
}
