package dev.eventscope.ingest;

import dev.eventscope.event.NewEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids for imported lines that carry none, derived from the line's content and number, so
 * running the same import again finds the same ids and skips what is stored (see ADR 0003).
 *
 * <p>The id is a version-8 (custom) UUID made of the first 16 bytes of a SHA-256.
 */
public final class DerivedIds {

    private final MessageDigest sha256;

    public DerivedIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public UUID idFor(NewEvent e, long lineNumber) {
        sha256.reset();
        update("eventscope-derived-id-v1");
        update(Long.toString(lineNumber));
        update(e.eventType());
        update(e.stream().aggregateType());
        update(e.stream().aggregateId());
        update(Integer.toString(e.eventVersion()));
        update(e.timestamp() == null ? "" : e.timestamp().toString());
        update(e.payload().text());
        update(e.metadata().text());
        ByteBuffer bytes = ByteBuffer.wrap(sha256.digest());
        long high = bytes.getLong();
        long low = bytes.getLong();
        high = (high & ~0xF000L) | 0x8000L; // version 8
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // RFC variant
        return new UUID(high, low);
    }

    private void update(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha256.update(b);
    }
}
