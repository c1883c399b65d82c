package dev.eventscope.replay;

import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Model;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The fingerprints snapshots are made under, per aggregate type of one model: a SHA-256 over the
 * aggregate's rules ({@link AggregateModel#fingerprint()}: initial state, strictness, reducers, a
 * plugin's version) and the transform that feeds them ({@code upcasters}). Two snapshots with the
 * same fingerprint were folded by the same rules from the same upcast events; a snapshot whose
 * fingerprint differs from the current model's is never used.
 */
public final class Fingerprints {

    private final Model model;
    private final Map<String, String> byType = new HashMap<>();

    public Fingerprints(Model model) {
        this.model = model;
    }

    /** The current fingerprint of {@code aggregateType}, or null when the model has no such aggregate. */
    public String of(String aggregateType) {
        return byType.computeIfAbsent(
                aggregateType,
                t -> model.find(t)
                        .map(a -> of(a, model.transform().fingerprint()))
                        .orElse(null));
    }

    /** The fingerprint of {@code aggregate}'s rules fed through a transform with {@code transformFingerprint}. */
    public static String of(AggregateModel aggregate, String transformFingerprint) {
        String text = "eventscope-snapshot-v1\0aggregate\0" + aggregate.fingerprint() + "\0transform\0"
                + transformFingerprint;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
