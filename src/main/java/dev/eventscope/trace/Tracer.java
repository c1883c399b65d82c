package dev.eventscope.trace;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Text;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.store.EventLink;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ReadEvents;
import dev.eventscope.store.ReadLinks;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Traces correlation and causation: from an eventId, a position, a correlationId or a command id,
 * the graph of the events that caused each other, read through the correlation and causation
 * indexes only (a trace reads the events of that trace, never the whole store).
 *
 * <p>Every event read passes through the view before the tracer looks at it: the read pipeline's
 * transform (upcasters), see {@link TraceView}. Not thread-safe (the store is not).
 */
public final class Tracer {

    private static final Pattern POSITION = Pattern.compile("\\d{1,18}");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ReadEvents store;
    private final ReadLinks links;
    private final TraceView view;

    /** A tracer that shows every event as {@code view} maps it (one event to one). */
    public Tracer(ReadEvents store, ReadLinks links, UnaryOperator<RecordedEvent> view) {
        this(store, links, (Function<RecordedEvent, List<RecordedEvent>>) e -> List.of(view.apply(e)));
    }

    /** A tracer that shows events through the read pipeline's {@code transform} (upcasters). */
    public Tracer(ReadEvents store, ReadLinks links, EventTransform transform) {
        this(store, links, (Function<RecordedEvent, List<RecordedEvent>>) transform::apply);
    }

    private Tracer(ReadEvents store, ReadLinks links, Function<RecordedEvent, List<RecordedEvent>> view) {
        this.store = store;
        this.links = links;
        this.view = new TraceView(view);
    }

    /** A tracer that shows events as stored. */
    public static Tracer over(EventStore store) {
        return new Tracer(store, store.links(), UnaryOperator.identity());
    }

    /** A tracer that shows events as the read pipeline gives them ({@code transform}: upcasters). */
    public static Tracer over(EventStore store, EventTransform transform) {
        return new Tracer(store, store.links(), transform);
    }

    /**
     * Traces from {@code id}: a position (a number), an eventId (a UUID), a correlationId, or a
     * causationId that causes events but is not one (a command id), tried in that order.
     *
     * @throws NotFoundException when {@code id} is none of these
     * @throws UsageException when walking up or down from something that is not an event
     */
    public Trace trace(String id, TraceOptions options) {
        Map<String, List<RecordedEvent>> preread = new HashMap<>();
        return trace(resolve(id, options, preread), options, preread);
    }

    /** Traces from an entry point already resolved. */
    public Trace trace(TraceEntry entry, TraceOptions options) {
        return trace(entry, options, new HashMap<>());
    }

    private Trace trace(TraceEntry entry, TraceOptions options, Map<String, List<RecordedEvent>> preread) {
        TraceReader reader;
        if (entry instanceof TraceEntry.Correlation c) {
            if (!options.wholeCorrelation()) {
                throw new UsageException(
                        "--up and --down walk from an event, and '" + Text.printable(c.id(), 80)
                                + "' is a correlationId",
                        "list its events with 'evs trace " + Text.printable(c.id(), 80)
                                + " -o table', then trace one of them by position");
            }
            reader = reader(options, Set.of(c.id()), preread);
            reader.correlations(List.of(c.id()), List.of());
        } else if (entry instanceof TraceEntry.Event ev) {
            RecordedEvent e = ev.event();
            reader = reader(options, singleton(e.correlationId()), preread);
            if (!options.wholeCorrelation()) {
                walk(reader, List.of(e), options);
            } else if (e.correlationId() != null) {
                reader.correlations(List.of(e.correlationId()), List.of());
            } else {
                // no correlation to read: the trace is the causal tree the event belongs to
                reader.down(List.of(reader.up(e)));
            }
        } else {
            List<RecordedEvent> caused = ((TraceEntry.Cause) entry).events();
            Set<String> correlations = new HashSet<>();
            caused.forEach(e -> correlations.add(e.correlationId()));
            reader = reader(options, correlations, preread);
            if (!options.wholeCorrelation()) {
                walk(reader, caused, options);
            } else {
                reader.correlations(
                        correlations.stream().filter(c -> c != null).sorted().toList(), List.of());
                reader.down(
                        caused.stream().filter(e -> e.correlationId() == null).toList());
            }
        }
        return TraceGraph.build(
                entry, options, reader.events(), reader.outsideCauses(), reader.effectsOutside(), reader.limits());
    }

    private TraceReader reader(TraceOptions options, Set<String> scope, Map<String, List<RecordedEvent>> preread) {
        return new TraceReader(store, links, view, options, scope, preread);
    }

    private static void walk(TraceReader reader, List<RecordedEvent> from, TraceOptions options) {
        if (options.up()) {
            from.forEach(reader::up);
        }
        if (options.down()) {
            reader.down(from);
        }
    }

    private static Set<String> singleton(String correlationId) {
        Set<String> s = new HashSet<>();
        s.add(correlationId);
        return s;
    }

    /** What {@code id} names; see {@link #trace(String, TraceOptions)}. */
    public TraceEntry resolve(String id, TraceOptions options) {
        return resolve(id, options, new HashMap<>());
    }

    /** Resolves {@code id}; a correlation read to find out is kept in {@code preread}. */
    private TraceEntry resolve(String id, TraceOptions options, Map<String, List<RecordedEvent>> preread) {
        String text = id.strip();
        if (text.isEmpty()) {
            throw new UsageException(
                    "the ID to trace is empty", "pass an eventId, a position, a correlationId or a command id");
        }
        if (POSITION.matcher(text).matches()) {
            Optional<RecordedEvent> e = store.byPosition(Long.parseLong(text));
            if (e.isPresent()) {
                return new TraceEntry.Event(text, view.one(e.get()), true);
            }
        } else if (UUID_TEXT.matcher(text).matches()) {
            Optional<RecordedEvent> e = store.byId(UUID.fromString(text.toLowerCase(Locale.ROOT)));
            if (e.isPresent()) {
                return new TraceEntry.Event(text, view.one(e.get()), false);
            }
        }
        List<RecordedEvent> correlation = links.byCorrelation(text, options.maxEvents() + 1);
        if (!correlation.isEmpty()) {
            preread.put(text, correlation);
            return new TraceEntry.Correlation(text);
        }
        List<RecordedEvent> caused = links.causedBy(List.of(text), options.maxEvents());
        if (!caused.isEmpty()) {
            return new TraceEntry.Cause(
                    text, caused.stream().flatMap(e -> view.all(e).stream()).toList());
        }
        throw new NotFoundException(
                "nothing to trace for '" + Text.printable(text, 80)
                        + "': no event has it as position, eventId, correlationId or causationId",
                "list events with 'evs events', or their correlations with 'evs trace --summary --all'");
    }

    /**
     * Ranks the store's correlations by span and by depth, the {@code limit} first of each. Reads
     * the whole store once, a correlation at a time, so memory holds one correlation's links plus
     * the two rankings.
     */
    public CorrelationRanking rank(int limit) {
        try (Stream<EventLink> all = links.linksByCorrelation()) {
            return CorrelationRanker.rank(all.iterator(), limit);
        }
    }
}
