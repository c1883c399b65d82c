package dev.eventscope.store.postgres;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Events written with {@code COPY events FROM STDIN} in PostgreSQL's text format: one line per
 * event, tab between columns, {@code \N} for null, and backslash, tab, newline and carriage
 * return escaped inside values. The text of payload and metadata arrives byte for byte.
 */
final class PgCopyRows {

    static final String COPY = "COPY events (" + PgRows.COLUMNS + ") FROM STDIN";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
    private final StringBuilder line = new StringBuilder(512);

    /** Writes {@code events} in one COPY on {@code c} (inside the caller's transaction). */
    void copy(Connection c, List<RecordedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        buffer.reset();
        for (RecordedEvent e : events) {
            line.setLength(0);
            line.append(e.position()).append('\t');
            line.append(e.eventId()).append('\t');
            text(e.aggregateType());
            text(e.aggregateId());
            line.append(e.streamVersion()).append('\t');
            text(e.eventType());
            line.append(e.eventVersion()).append('\t');
            line.append(Times.toMicros(e.timestamp())).append('\t');
            line.append(Times.toMicros(e.recordedAt())).append('\t');
            text(e.correlationId());
            text(e.causationId());
            text(e.userId());
            text(e.payload().text());
            text(e.metadata().text());
            line.append(e.hash()).append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
        }
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            byte[] all = buffer.toByteArray();
            in.writeToCopy(all, 0, all.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** One text value and its tab; null as {@code \N}. */
    private void text(String s) {
        if (s == null) {
            line.append("\\N\t");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
        line.append('\t');
    }
}
