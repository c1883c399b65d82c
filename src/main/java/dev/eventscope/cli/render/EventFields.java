package dev.eventscope.cli.render;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The fields of an event that {@code --fields} and {@code -x} choose from, by name. */
public enum EventFields {
    POSITION("position", ">POSITION", 0, Palette.Role.POSITION, RecordedEvent::position),
    EVENT_ID("eventId", "EVENT_ID", 0, null, RecordedEvent::eventId),
    TYPE("type", "TYPE", 32, Palette.Role.EVENT_TYPE, RecordedEvent::eventType),
    STREAM("stream", "STREAM", 40, Palette.Role.AGGREGATE, RecordedEvent::stream),
    AGGREGATE_TYPE("aggregateType", "AGGREGATE_TYPE", 32, Palette.Role.AGGREGATE, RecordedEvent::aggregateType),
    AGGREGATE_ID("aggregateId", "AGGREGATE_ID", 40, Palette.Role.AGGREGATE, RecordedEvent::aggregateId),
    VERSION("version", ">VER", 0, null, RecordedEvent::streamVersion),
    EVENT_VERSION("eventVersion", ">EVENT_VERSION", 0, null, RecordedEvent::eventVersion),
    TIMESTAMP("timestamp", "TIMESTAMP", 0, Palette.Role.TIME, e -> Times.format(e.timestamp())),
    RECORDED_AT("recordedAt", "RECORDED_AT", 0, Palette.Role.TIME, e -> Times.format(e.recordedAt())),
    CORRELATION_ID("correlationId", "CORRELATION_ID", 40, null, RecordedEvent::correlationId),
    CAUSATION_ID("causationId", "CAUSATION_ID", 40, null, RecordedEvent::causationId),
    USER_ID("userId", "USER_ID", 32, null, RecordedEvent::userId),
    PAYLOAD("payload", "PAYLOAD", 60, null, e -> e.payload().text()),
    METADATA("metadata", "METADATA", 60, null, e -> e.metadata().text()),
    HASH("hash", "HASH", 0, null, RecordedEvent::hash);

    /** The columns of {@code events} without {@code --fields}. */
    public static final List<EventFields> TABLE = List.of(POSITION, TIMESTAMP, STREAM, VERSION, TYPE, PAYLOAD);

    /** The lines of {@code events -x} without {@code --fields}. */
    public static final List<EventFields> VERTICAL = List.of(
            POSITION,
            EVENT_ID,
            TYPE,
            STREAM,
            VERSION,
            EVENT_VERSION,
            TIMESTAMP,
            RECORDED_AT,
            CORRELATION_ID,
            CAUSATION_ID,
            USER_ID,
            PAYLOAD,
            METADATA);

    final String label;
    final String header;
    final int width;
    final Palette.Role role;
    private final Function<RecordedEvent, Object> value;

    EventFields(String label, String header, int width, Palette.Role role, Function<RecordedEvent, Object> value) {
        this.label = label;
        this.header = header;
        this.width = width;
        this.role = role;
        this.value = value;
    }

    public String label() {
        return label;
    }

    /** The field's value in {@code e} (null when absent). */
    public Object of(RecordedEvent e) {
        return value.apply(e);
    }

    /**
     * The fields named in {@code list} ("position,type,payload"; {@code eventType} and
     * {@code streamVersion} are accepted too), in that order.
     */
    public static List<EventFields> parse(String list) {
        List<EventFields> fields = new ArrayList<>();
        for (String name : list.split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                continue;
            }
            EventFields f = byName(n);
            if (f == null) {
                List<String> known = new ArrayList<>();
                for (EventFields k : values()) {
                    known.add(k.label);
                }
                throw new UsageException(
                        "--fields: no field '" + dev.eventscope.event.Text.printable(n, 60) + "'",
                        "use some of " + String.join(", ", known));
            }
            fields.add(f);
        }
        if (fields.isEmpty()) {
            throw new UsageException("--fields needs at least one field name", "e.g. --fields position,type,payload");
        }
        return fields;
    }

    private static EventFields byName(String n) {
        String key = n.toLowerCase(Locale.ROOT);
        if (key.equals("eventtype")) {
            return TYPE;
        }
        if (key.equals("streamversion")) {
            return VERSION;
        }
        for (EventFields f : values()) {
            if (f.label.toLowerCase(Locale.ROOT).equals(key)) {
                return f;
            }
        }
        return null;
    }
}
