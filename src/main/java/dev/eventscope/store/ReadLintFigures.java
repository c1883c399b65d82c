package dev.eventscope.store;

import dev.eventscope.event.StreamId;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures {@code evs lint} needs, answered by the store as aggregates over the events table
 * (one statement each, no per-event queries), so a lint of a million events stays one pass per
 * rule. Each method returns how many events match and the first few of them in position order.
 * {@link #figures(Request)} answers several at once, which lets a store read its events once for all
 * of them.
 */
public interface ReadLintFigures {

    /** One matching event, with what makes it match ({@code detail}: a size, a time, an id). */
    record Example(long position, StreamId stream, String eventType, String detail) {}

    /** How many events match, and up to the requested number of examples. */
    record Matches(long count, List<Example> examples) {

        public Matches {
            if (count < 0) {
                throw new IllegalArgumentException("count must be 0 or more");
            }
            examples = List.copyOf(examples);
        }
    }

    /** How many events of one aggregate type, event type and schema version are stored. */
    record TypeVersion(String aggregateType, String eventType, int eventVersion, long events) {}

    /** The event figures a lint can ask for; {@link #TYPE_VERSIONS} is {@link #typeVersions()}. */
    enum Figure {
        LARGE_PAYLOADS,
        WITHOUT_CORRELATION,
        DANGLING_CAUSATIONS,
        TIMESTAMPS_BACKWARDS,
        RECORD_LAG,
        REPEATED_PAYLOADS,
        TYPE_VERSIONS
    }

    /** Several figures at once, with the thresholds of the rules that use them. */
    record Request(Set<Figure> figures, long maxPayloadBytes, Duration maxRecordLag, int examples) {

        public Request {
            figures = figures.isEmpty() ? EnumSet.noneOf(Figure.class) : EnumSet.copyOf(figures);
            if (maxPayloadBytes < 0 || maxRecordLag == null || maxRecordLag.isNegative() || examples < 0) {
                throw new IllegalArgumentException("thresholds and examples must be 0 or more");
            }
        }
    }

    /** The answers to a {@link Request}: matches of each event figure asked, and the type versions if asked. */
    record Answers(Map<Figure, Matches> matches, List<TypeVersion> typeVersions) {

        public Answers {
            matches = matches.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(matches));
            typeVersions = typeVersions == null ? null : List.copyOf(typeVersions);
        }

        /** The matches of {@code figure}, which must have been asked for. */
        public Matches of(Figure figure) {
            Matches m = matches.get(figure);
            if (m == null) {
                throw new IllegalStateException(figure + " was not asked for");
            }
            return m;
        }
    }

    /**
     * The figures of {@code request}, each the same as its own method would answer. By default one
     * method call each; a store may read its events once for all of them.
     */
    default Answers figures(Request request) {
        Map<Figure, Matches> matches = new EnumMap<>(Figure.class);
        List<TypeVersion> types = null;
        int n = request.examples();
        for (Figure f : request.figures()) {
            switch (f) {
                case LARGE_PAYLOADS -> matches.put(f, largePayloads(request.maxPayloadBytes(), n));
                case WITHOUT_CORRELATION -> matches.put(f, withoutCorrelation(n));
                case DANGLING_CAUSATIONS -> matches.put(f, danglingCausations(n));
                case TIMESTAMPS_BACKWARDS -> matches.put(f, timestampsBackwards(n));
                case RECORD_LAG -> matches.put(f, recordLag(request.maxRecordLag(), n));
                case REPEATED_PAYLOADS -> matches.put(f, repeatedPayloads(n));
                case TYPE_VERSIONS -> types = typeVersions();
            }
        }
        return new Answers(matches, types);
    }

    /** Events whose payload is larger than {@code maxBytes} (UTF-8); detail is the size in bytes. */
    Matches largePayloads(long maxBytes, int examples);

    /** Events without a correlationId. */
    Matches withoutCorrelation(int examples);

    /**
     * Events whose causationId has the form of an eventId (lower-case 8-4-4-4-12) but names no
     * stored event; detail is the causationId. Other causationIds are command or request ids.
     */
    Matches danglingCausations(int examples);

    /**
     * Events whose timestamp is earlier than that of the event before them in their stream
     * (by stream version); detail is the previous event's timestamp as epoch microseconds.
     */
    Matches timestampsBackwards(int examples);

    /** Events recorded more than {@code max} after their timestamp; detail is the lag in microseconds. */
    Matches recordLag(Duration max, int examples);

    /**
     * Events with the same event type and the same payload text as the event just before them in
     * their stream (a likely double write); detail is the previous event's position.
     */
    Matches repeatedPayloads(int examples);

    /** The stored (aggregate type, event type, schema version) combinations, sorted. */
    List<TypeVersion> typeVersions();
}
