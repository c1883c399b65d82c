package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash that chains every event to the one before it (see {@code docs/FORMAT.md}).
 *
 * <p>SHA-256 over a prefix and then fields, each written as a 4-byte big-endian length followed by
 * its UTF-8 bytes (a null field as the length {@code 0xFFFFFFFF} and no bytes): previous hash,
 * position, event id, aggregate type, aggregate id, stream version, event type, event version,
 * valid time and record time (microseconds), correlation id, causation id, user id, payload and
 * metadata as stored. Not thread-safe: use one instance per thread.
 */
public final class HashChain {

    /** Identifies this encoding, so a future one can be told apart. */
    public static final String PREFIX = "eventscope-chain-v1";

    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;
    private final ByteBuffer length = ByteBuffer.allocate(4);

    /** ASCII texts and numbers are encoded here rather than into a new array each. */
    private final byte[] ascii = new byte[128];

    public HashChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The hash of {@code e} chained to {@code previousHash} (empty for the first event). */
    public String hash(String previousHash, RecordedEvent e) {
        sha256.reset();
        sha256.update(PREFIX_BYTES);
        field(previousHash);
        field(e.position());
        field(e.eventId().toString());
        field(e.aggregateType());
        field(e.aggregateId());
        field(e.streamVersion());
        field(e.eventType());
        field(e.eventVersion());
        field(Times.toMicros(e.timestamp()));
        field(Times.toMicros(e.recordedAt()));
        field(e.correlationId());
        field(e.causationId());
        field(e.userId());
        // the stored UTF-8 as it is: what encoding the decoded text would give back
        field(e.payload().utf8());
        field(e.metadata().utf8());
        return HEX.formatHex(sha256.digest());
    }

    private void field(String value) {
        if (value == null) {
            length.clear();
            length.putInt(-1);
            sha256.update(length.array());
            return;
        }
        int n = value.length();
        if (n <= ascii.length) {
            int i = 0;
            while (i < n && value.charAt(i) < 0x80) {
                ascii[i] = (byte) value.charAt(i);
                i++;
            }
            if (i == n) {
                // ASCII is its own UTF-8
                field(ascii, n);
                return;
            }
        }
        field(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A number as its decimal text, as {@link Long#toString(long)} writes it. */
    private void field(long value) {
        if (value == Long.MIN_VALUE) {
            field(Long.toString(value));
            return;
        }
        long v = Math.abs(value);
        int end = ascii.length;
        int at = end;
        do {
            ascii[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        if (value < 0) {
            ascii[--at] = '-';
        }
        length.clear();
        length.putInt(end - at);
        sha256.update(length.array());
        sha256.update(ascii, at, end - at);
    }

    private void field(byte[] bytes, int n) {
        length.clear();
        length.putInt(n);
        sha256.update(length.array());
        sha256.update(bytes, 0, n);
    }

    private void field(byte[] bytes) {
        length.clear();
        length.putInt(bytes.length);
        sha256.update(length.array());
        sha256.update(bytes);
    }
}
