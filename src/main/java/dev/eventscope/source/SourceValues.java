package dev.eventscope.source;

import dev.eventscope.event.StreamId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Reading the values stores keep in their own forms: stream names and times. */
final class SourceValues {

    /** The stream of events that belong to no stream (Axon's non-aggregate events, RES's unlinked). */
    static final StreamId GLOBAL = new StreamId("global", "global");

    private static final DateTimeFormatter SQL_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    private SourceValues() {}

    /**
     * A stream name split at the first {@code separator} into type and id ({@code account-a1} →
     * {@code account/a1}, as Message DB and Emmett read their names); a name without one is both.
     */
    static StreamId splitFirst(String name, char separator) {
        int at = name.indexOf(separator);
        if (at <= 0 || at == name.length() - 1) {
            return new StreamId(name, name);
        }
        return new StreamId(name.substring(0, at), name.substring(at + 1));
    }

    /** As {@link #splitFirst}, at the last {@code separator} (RubyEventStore's {@code Order$42}). */
    static StreamId splitLast(String name, char separator) {
        int at = name.lastIndexOf(separator);
        if (at <= 0 || at == name.length() - 1) {
            return new StreamId(name, name);
        }
        return new StreamId(name.substring(0, at), name.substring(at + 1));
    }

    /**
     * A tenant's or partition's stream kept apart from the default one's: {@code tenant/id}; the
     * default keeps the bare id.
     */
    static StreamId inTenant(StreamId stream, String tenant, String defaultTenant) {
        if (tenant == null || tenant.equals(defaultTenant)) {
            return stream;
        }
        return new StreamId(stream.aggregateType(), tenant + "/" + stream.aggregateId());
    }

    /**
     * A time column: timestamptz as its instant, timestamp-without-zone and SQLite text as UTC (the
     * stores write UTC there), ISO-8601 text with its offset.
     */
    static Instant time(ResultSet rs, String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime) {
            int index = rs.findColumn(column);
            String type = rs.getMetaData().getColumnTypeName(index).toLowerCase(java.util.Locale.ROOT);
            if (type.equals("timestamp")) {
                // without a zone: the stores write UTC there, whatever this JVM's zone is
                return rs.getObject(index, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            }
            return rs.getObject(index, OffsetDateTime.class).toInstant();
        }
        return parseTime(value.toString());
    }

    /** Text of a time: ISO-8601 with Z or an offset, or SQL's {@code 2025-06-01 08:00:00.123} as UTC. */
    static Instant parseTime(String text) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            // below
        }
        try {
            return Instant.parse(t.replace(' ', 'T'));
        } catch (DateTimeParseException withoutOffset) {
            // below
        }
        String plain = t.endsWith(" Z") ? t.substring(0, t.length() - 2) : t;
        try {
            return LocalDateTime.parse(plain, SQL_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the time '" + dev.eventscope.event.Text.printable(text, 60)
                    + "' is neither ISO-8601 nor an SQL timestamp");
        }
    }
}
