package dev.eventscope.store;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.Times;
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

    private static final HexFormat HEX = HexFormat.of();

    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    /**
     * One event's input, assembled here and digested in one update: sixteen small updates per event
     * (a length, then the bytes, for each field) cost more than the copy, and most fields are ASCII
     * written without encoding them into arrays of their own.
     */
    private byte[] buffer = new byte[1024];

    private int size;

    public HashChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The hash of {@code e} chained to {@code previousHash} (empty for the first event). */
    public String hash(String previousHash, RecordedEvent e) {
        size = 0;
        bytes(PREFIX_BYTES);
        field(previousHash);
        number(e.position());
        field(e.eventId().toString());
        field(e.aggregateType());
        field(e.aggregateId());
        number(e.streamVersion());
        field(e.eventType());
        number(e.eventVersion());
        number(Times.toMicros(e.timestamp()));
        number(Times.toMicros(e.recordedAt()));
        field(e.correlationId());
        field(e.causationId());
        field(e.userId());
        // the stored UTF-8 as it is: what encoding the decoded text would give back
        field(e.payload().utf8());
        field(e.metadata().utf8());
        sha256.reset();
        sha256.update(buffer, 0, size);
        return HEX.formatHex(sha256.digest());
    }

    private void field(String value) {
        if (value == null) {
            length(-1);
            return;
        }
        ascii(value);
    }

    /** A number as its decimal text, the field {@code Long.toString} would give. */
    private void number(long value) {
        ascii(Long.toString(value));
    }

    /** The field of a string, written char by char while it is ASCII (each char its own byte). */
    private void ascii(String value) {
        int start = size;
        int n = value.length();
        length(n);
        room(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                size = start;
                field(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
            buffer[size + i] = (byte) c;
        }
        size += n;
    }

    private void field(byte[] bytes) {
        length(bytes.length);
        bytes(bytes);
    }

    private void length(int n) {
        room(4);
        buffer[size] = (byte) (n >>> 24);
        buffer[size + 1] = (byte) (n >>> 16);
        buffer[size + 2] = (byte) (n >>> 8);
        buffer[size + 3] = (byte) n;
        size += 4;
    }

    private void bytes(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void room(int more) {
        if (size + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
