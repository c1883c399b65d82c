package dev.eventscope.saga;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The eventIds of what a saga emits, derived from what caused it, so that the same emission always
 * has the same id: an append of it again is recognised (never stored twice), and a fold over the
 * log recognises the events {@code process} emitted (ADR 0180).
 */
final class SagaIds {

    private SagaIds() {}

    /** The id of the {@code index}th event a saga's rule emitted on {@code trigger}. */
    static UUID emitted(String saga, UUID trigger, int index) {
        return id("emit\0" + saga + "\0" + trigger + "\0" + index);
    }

    /**
     * The id of the {@code index}th event deadline {@code name} of an instance emitted when it
     * passed, as set by the event {@code setBy}.
     */
    static UUID fired(String saga, String instance, String name, UUID setBy, int index) {
        return id("deadline\0" + saga + "\0" + instance + "\0" + name + "\0" + setBy + "\0" + index);
    }

    /** A version-8 UUID from the first 16 bytes of a SHA-256 over {@code what}. */
    private static UUID id(String what) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(("eventscope-saga-v1\0" + what).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(sha.digest());
        long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
        long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
