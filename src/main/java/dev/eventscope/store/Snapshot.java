package dev.eventscope.store;

import dev.eventscope.event.JsonDoc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A stored snapshot with its state: the aggregate's state after folding its events up to
 * {@code info.version()} under the rules {@code info.fingerprint()} names.
 *
 * @param checksum SHA-256 of the state's text when it was written: a state changed afterwards
 *     (a damaged page, an edit outside Eventscope) no longer matches it and is never used
 */
public record Snapshot(SnapshotInfo info, JsonDoc state, String checksum) {

    public Snapshot {
        Objects.requireNonNull(info);
        Objects.requireNonNull(state);
        Objects.requireNonNull(checksum);
    }

    /** True when the state is still the text that was written. */
    public boolean intact() {
        return checksum.equals(checksum(state.text()));
    }

    /** The checksum of a state's compact text: SHA-256 as 64 lower-case hex digits. */
    public static String checksum(String stateText) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(stateText.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
