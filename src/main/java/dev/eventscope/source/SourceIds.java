package dev.eventscope.source;

import dev.eventscope.event.EventJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids for source events: the store's own id when it is a UUID, otherwise one derived from
 * the kind, the stream and the version, so that a re-run derives the same id again and the import
 * skips what it already holds (ADR 0160).
 *
 * <p>A derived id is a version-8 UUID made of the first 16 bytes of a SHA-256. Not thread-safe.
 */
final class SourceIds {

    private final MessageDigest sha256;

    SourceIds() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code text} as a UUID when it is one in 8-4-4-4-12 form, else null. */
    static UUID parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return EventJson.parseEventId(text.strip());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    /** The id derived from where the event sits in its stream. */
    UUID derive(SourceKind kind, String stream, String version) {
        sha256.reset();
        update("eventscope-source-id-v1");
        update(kind.cliName());
        update(stream);
        update(version);
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
