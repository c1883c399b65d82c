package dev.eventscope.store.sqlite;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import dev.eventscope.store.ReadLintFigures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@link ReadLintFigures} over the events table (ADR 0230). {@link #figures} reads the table once in
 * position order for every figure but the dangling causations (those come from the causation and
 * event-id indexes alone): the per-event counts, the type versions, and the neighbour rules, which keep
 * the last event of each stream seen so far (its version, time, type, position and a hash of its
 * payload; a hash match is confirmed on the stored text). In a stream whose versions are in position
 * order, as every append and import writes them, the event seen before is the one of the version
 * before. When a stream's versions are not in position order, or the streams are too many to keep,
 * the neighbour rules fall back to window functions over the stream index, so the answers are exact
 * either way. The one-figure methods are {@link #figures} asked for one figure.
 */
final class SqliteLintFigures implements ReadLintFigures {

    private static final String NEIGHBOURS = "SELECT position, aggregate_type, aggregate_id, event_type, occurred_at,"
            + " payload, lag(occurred_at) OVER s AS prev_at, lag(payload) OVER s AS prev_payload,"
            + " lag(event_type) OVER s AS prev_type, lag(position) OVER s AS prev_position FROM events"
            + " WINDOW s AS (PARTITION BY aggregate_type, aggregate_id ORDER BY stream_version)";

    /** The columns of the one scan, in position order; the payload is read only when a figure needs it. */
    private static final String SCAN = "SELECT position, aggregate_type, aggregate_id, stream_version, event_type,"
            + " event_version, occurred_at, recorded_at, correlation_id IS NULL, %s FROM events ORDER BY position";

    private static final String PAYLOAD = "SELECT payload FROM events WHERE position = ?";

    /** The causationIds naming no stored event, with their positions: two covering indexes, no table rows. */
    private static final String UNKNOWN_CAUSES = "SELECT position, causation_id FROM events e"
            + " WHERE causation_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events c WHERE c.event_id = e.causation_id)";

    private static final String ROW = "SELECT aggregate_type, aggregate_id, event_type FROM events WHERE position = ?";

    /** How many streams the scan keeps the last event of before it leaves the neighbour rules to SQL. */
    static final int MAX_STREAMS = 1 << 20;

    private final Connection connection;
    private final Path file;
    private final int maxStreams;

    SqliteLintFigures(Connection connection, Path file) {
        this(connection, file, MAX_STREAMS);
    }

    SqliteLintFigures(Connection connection, Path file, int maxStreams) {
        this.connection = connection;
        this.file = file;
        this.maxStreams = maxStreams;
    }

    /**
     * Runs {@code select} (columns: position, aggregate_type, aggregate_id, event_type, detail)
     * wrapped to count all its rows and return the first {@code examples}.
     */
    private Matches matches(String select, int examples, Object... args) {
        String sql = "SELECT position, aggregate_type, aggregate_id, event_type, detail, count(*) OVER () FROM ("
                + select + ") ORDER BY position LIMIT ?";
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int i = 1;
            for (Object a : args) {
                st.setObject(i++, a);
            }
            st.setInt(i, Math.max(1, examples));
            try (ResultSet rs = st.executeQuery()) {
                long count = 0;
                List<Example> list = new ArrayList<>();
                while (rs.next()) {
                    count = rs.getLong(6);
                    if (list.size() < examples) {
                        list.add(new Example(
                                rs.getLong(1),
                                new StreamId(rs.getString(2), rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5)));
                    }
                }
                return new Matches(count, list);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "linting the events", file);
        }
    }

    @Override
    public Matches largePayloads(long maxBytes, int examples) {
        return one(Figure.LARGE_PAYLOADS, maxBytes, Duration.ZERO, examples);
    }

    @Override
    public Matches withoutCorrelation(int examples) {
        return one(Figure.WITHOUT_CORRELATION, 0, Duration.ZERO, examples);
    }

    @Override
    public Matches danglingCausations(int examples) {
        return one(Figure.DANGLING_CAUSATIONS, 0, Duration.ZERO, examples);
    }

    @Override
    public Matches timestampsBackwards(int examples) {
        return one(Figure.TIMESTAMPS_BACKWARDS, 0, Duration.ZERO, examples);
    }

    @Override
    public Matches recordLag(Duration max, int examples) {
        return one(Figure.RECORD_LAG, 0, max, examples);
    }

    @Override
    public Matches repeatedPayloads(int examples) {
        return one(Figure.REPEATED_PAYLOADS, 0, Duration.ZERO, examples);
    }

    @Override
    public List<TypeVersion> typeVersions() {
        return figures(new Request(EnumSet.of(Figure.TYPE_VERSIONS), 0, Duration.ZERO, 0))
                .typeVersions();
    }

    private Matches one(Figure figure, long maxBytes, Duration maxLag, int examples) {
        return figures(new Request(EnumSet.of(figure), maxBytes, maxLag, examples))
                .of(figure);
    }

    @Override
    public Answers figures(Request request) {
        try (ScanMapping mapped = ScanMapping.on(connection, file, "linting the events")) {
            return answers(request);
        }
    }

    private Answers answers(Request request) {
        Map<Figure, Matches> answers = new EnumMap<>(Figure.class);
        EnumSet<Figure> scanned =
                EnumSet.copyOf(request.figures().isEmpty() ? EnumSet.noneOf(Figure.class) : request.figures());
        scanned.remove(Figure.DANGLING_CAUSATIONS);
        List<TypeVersion> types = null;
        if (!scanned.isEmpty()) {
            Scan scan = scan(scanned, request);
            for (Figure f : scanned) {
                if (f != Figure.TYPE_VERSIONS && scan.tallies.containsKey(f)) {
                    answers.put(f, scan.tallies.get(f).matches());
                }
            }
            types = scan.types;
            if (scan.neighboursInSql) {
                int n = request.examples();
                if (scanned.contains(Figure.TIMESTAMPS_BACKWARDS)) {
                    answers.put(
                            Figure.TIMESTAMPS_BACKWARDS,
                            matches(
                                    "SELECT position, aggregate_type, aggregate_id, event_type, prev_at AS detail FROM ("
                                            + NEIGHBOURS + ") WHERE occurred_at < prev_at",
                                    n));
                }
                if (scanned.contains(Figure.REPEATED_PAYLOADS)) {
                    answers.put(
                            Figure.REPEATED_PAYLOADS,
                            matches(
                                    "SELECT position, aggregate_type, aggregate_id, event_type, prev_position AS detail"
                                            + " FROM (" + NEIGHBOURS
                                            + ") WHERE event_type = prev_type AND payload = prev_payload",
                                    n));
                }
            }
        }
        if (request.figures().contains(Figure.DANGLING_CAUSATIONS)) {
            answers.put(Figure.DANGLING_CAUSATIONS, dangling(request.examples()));
        }
        return new Answers(answers, types);
    }

    /**
     * The causationIds that name no stored event, from the causation index and a lookup of each in
     * the event-id index (both covering: the table is not read); the eventId form is checked here on
     * those only, and the rows of the first few are read by position.
     */
    private Matches dangling(int examples) {
        long count = 0;
        // the smallest positions so far, largest on top, with their causationIds
        PriorityQueue<Long> first = new PriorityQueue<>(Comparator.reverseOrder());
        Map<Long, String> causes = new HashMap<>();
        try {
            try (PreparedStatement st = connection.prepareStatement(UNKNOWN_CAUSES);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String cause = rs.getString(2);
                    if (!eventIdForm(cause)) {
                        continue;
                    }
                    count++;
                    long position = rs.getLong(1);
                    if (first.size() < examples || (!first.isEmpty() && position < first.peek())) {
                        first.add(position);
                        causes.put(position, cause);
                        if (first.size() > examples) {
                            causes.remove(first.poll());
                        }
                    }
                }
            }
            List<Long> positions = new ArrayList<>(first);
            positions.sort(null);
            List<Example> list = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement(ROW)) {
                for (long position : positions) {
                    st.setLong(1, position);
                    try (ResultSet rs = st.executeQuery()) {
                        if (rs.next()) {
                            list.add(new Example(
                                    position,
                                    new StreamId(rs.getString(1), rs.getString(2)),
                                    rs.getString(3),
                                    causes.get(position)));
                        }
                    }
                }
            }
            return new Matches(count, list);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "linting the events", file);
        }
    }

    /**
     * Whether {@code id} has the stored eventId form: 36 characters, dashes at 9, 14, 19 and 24
     * (counting from 1), every character a lower-case hex digit or a dash.
     */
    static boolean eventIdForm(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** The count of one figure and its first examples in position order. */
    private static final class Tally {
        private final int examples;
        private final List<Example> list = new ArrayList<>();
        private long count;

        Tally(int examples) {
            this.examples = examples;
        }

        void add(long position, String type, String id, String eventType, String detail) {
            count++;
            if (list.size() < examples) {
                list.add(new Example(position, new StreamId(type, id), eventType, detail));
            }
        }

        Matches matches() {
            return new Matches(count, list);
        }
    }

    /** The last event seen of a stream. */
    private static final class Last {
        long version;
        long position;
        long occurredAt;
        String eventType;
        int payloadLength;
        long payloadHash;
    }

    private static final class Scan {
        final Map<Figure, Tally> tallies = new EnumMap<>(Figure.class);
        List<TypeVersion> types;
        boolean neighboursInSql;
    }

    private Scan scan(EnumSet<Figure> figures, Request request) {
        Scan scan = new Scan();
        for (Figure f : figures) {
            scan.tallies.put(f, new Tally(request.examples()));
        }
        Tally large = scan.tallies.get(Figure.LARGE_PAYLOADS);
        Tally uncorrelated = scan.tallies.get(Figure.WITHOUT_CORRELATION);
        Tally lag = scan.tallies.get(Figure.RECORD_LAG);
        Tally backwards = scan.tallies.get(Figure.TIMESTAMPS_BACKWARDS);
        Tally repeated = scan.tallies.get(Figure.REPEATED_PAYLOADS);
        boolean neighbours = backwards != null || repeated != null;
        boolean payloads = large != null || repeated != null;
        Map<TypeVersionKey, long[]> types = figures.contains(Figure.TYPE_VERSIONS) ? new HashMap<>() : null;
        long maxLag = Times.toMicros(java.time.Instant.EPOCH.plus(request.maxRecordLag()));
        long maxBytes = request.maxPayloadBytes();
        Map<String, Map<String, Last>> streams = new HashMap<>();
        int streamCount = 0;
        try (PreparedStatement st = connection.prepareStatement(String.format(SCAN, payloads ? "payload" : "NULL"));
                PreparedStatement payload = neighbours ? connection.prepareStatement(PAYLOAD) : null;
                ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long position = rs.getLong(1);
                String type = rs.getString(2);
                String id = rs.getString(3);
                String eventType = rs.getString(5);
                byte[] body = payloads ? rs.getBytes(10) : null;
                if (large != null && body.length > maxBytes) {
                    large.add(position, type, id, eventType, Integer.toString(body.length));
                }
                if (uncorrelated != null && rs.getInt(9) != 0) {
                    uncorrelated.add(position, type, id, eventType, null);
                }
                long occurredAt = rs.getLong(7);
                if (lag != null) {
                    long behind = rs.getLong(8) - occurredAt;
                    if (behind > maxLag) {
                        lag.add(position, type, id, eventType, Long.toString(behind));
                    }
                }
                if (types != null) {
                    types.computeIfAbsent(new TypeVersionKey(type, eventType, rs.getInt(6)), k -> new long[1])[0]++;
                }
                if (!neighbours || scan.neighboursInSql) {
                    continue;
                }
                long version = rs.getLong(4);
                Map<String, Last> ofType = streams.computeIfAbsent(type, k -> new HashMap<>());
                Last last = ofType.get(id);
                if (last == null) {
                    if (++streamCount > maxStreams) {
                        scan.neighboursInSql = true;
                        streams = null;
                        continue;
                    }
                    last = new Last();
                    ofType.put(id, last);
                } else if (version < last.version) {
                    // versions out of position order: the event seen before is not the one before
                    scan.neighboursInSql = true;
                    streams = null;
                    continue;
                } else {
                    if (backwards != null && occurredAt < last.occurredAt) {
                        backwards.add(position, type, id, eventType, Long.toString(last.occurredAt));
                    }
                    if (repeated != null
                            && body.length == last.payloadLength
                            && eventType.equals(last.eventType)
                            && hash(body) == last.payloadHash
                            && Arrays.equals(body, payloadAt(payload, last.position))) {
                        repeated.add(position, type, id, eventType, Long.toString(last.position));
                    }
                }
                last.version = version;
                last.position = position;
                last.occurredAt = occurredAt;
                last.eventType = eventType;
                if (repeated != null) {
                    last.payloadLength = body.length;
                    last.payloadHash = hash(body);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "linting the events", file);
        }
        if (scan.neighboursInSql) {
            scan.tallies.remove(Figure.TIMESTAMPS_BACKWARDS);
            scan.tallies.remove(Figure.REPEATED_PAYLOADS);
        }
        if (types != null) {
            List<TypeVersion> list = new ArrayList<>();
            types.forEach((k, v) -> list.add(new TypeVersion(k.aggregateType, k.eventType, k.eventVersion, v[0])));
            list.sort(SqliteLintFigures::byStoredText);
            scan.types = list;
        }
        return scan;
    }

    private record TypeVersionKey(String aggregateType, String eventType, int eventVersion) {}

    /** The order of {@code ORDER BY aggregate_type, event_type, event_version}: texts by UTF-8 bytes, that is by code points. */
    private static int byStoredText(TypeVersion a, TypeVersion b) {
        int c = byCodePoints(a.aggregateType(), b.aggregateType());
        if (c == 0) {
            c = byCodePoints(a.eventType(), b.eventType());
        }
        return c != 0 ? c : Integer.compare(a.eventVersion(), b.eventVersion());
    }

    static int byCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** The stored payload of the event at {@code position}, as bytes. */
    private static byte[] payloadAt(PreparedStatement st, long position) throws SQLException {
        st.setLong(1, position);
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    /** A 64-bit FNV-1a hash of the bytes: equal payloads hash equal; a match is confirmed on the text. */
    private static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
