package dev.eventscope.model;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.pipeline.EventTransform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model's upcasters as the read pipeline's transform: every stored event is taken from its
 * schema version to the latest one of its type, one step at a time (v1 -> v2 -> ... -> latest),
 * following renames into another type's steps, splitting and dropping where a step says so.
 *
 * <p>Built and checked by the model loader (no gaps, no duplicate steps, every step one version
 * forward, so a chain always ends). An event whose type and version have no step is passed on as
 * it is. Thread-safe, as its rules.
 */
public final class UpcasterChain implements EventTransform {

    /** One application of a step, for {@code upcast show}: what it was given and what it returned. */
    public record Applied(Upcaster upcaster, RecordedEvent input, List<RecordedEvent> output) {}

    private final List<Upcaster> upcasters;
    private final Map<String, Upcaster[]> steps = new HashMap<>();
    private final Map<String, Integer> latest;
    private final String fingerprint;

    /**
     * @param latest the latest schema version of every event type the model knows (from its
     *     upcasters and schemas)
     */
    UpcasterChain(List<Upcaster> upcasters, Map<String, Integer> latest) {
        List<Upcaster> sorted = new ArrayList<>(upcasters);
        sorted.sort(Comparator.comparing(Upcaster::type).thenComparingInt(Upcaster::from));
        this.upcasters = List.copyOf(sorted);
        for (Upcaster u : sorted) {
            Upcaster[] byVersion = steps.get(u.type());
            if (byVersion == null || byVersion.length <= u.from()) {
                Upcaster[] grown = new Upcaster[u.from() + 1];
                if (byVersion != null) {
                    System.arraycopy(byVersion, 0, grown, 0, byVersion.length);
                }
                byVersion = grown;
                steps.put(u.type(), byVersion);
            }
            byVersion[u.from()] = u;
        }
        this.latest = Map.copyOf(latest);
        this.fingerprint = fingerprint(this.upcasters);
    }

    /** The steps, by type and version. */
    public List<Upcaster> upcasters() {
        return upcasters;
    }

    /** The latest schema version of {@code eventType}, when the model knows the type. */
    public OptionalInt latest(String eventType) {
        Integer v = latest.get(eventType);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The step that takes {@code eventType} v{@code version} forward, or null at the end. */
    public Upcaster step(String eventType, int version) {
        Upcaster[] byVersion = steps.get(eventType);
        return byVersion == null || version >= byVersion.length ? null : byVersion[version];
    }

    @Override
    public List<RecordedEvent> apply(RecordedEvent event) {
        try {
            return upcast(event);
        } catch (UpcastFailure f) {
            throw failed(f, event);
        }
    }

    /**
     * The events {@code event} becomes at the end of its chain.
     *
     * @throws UpcastFailure naming the step that failed
     */
    public List<RecordedEvent> upcast(RecordedEvent event) {
        if (step(event.eventType(), event.eventVersion()) == null) {
            return List.of(event);
        }
        List<RecordedEvent> out = new ArrayList<>(2);
        run(event, out, null);
        return out;
    }

    /**
     * Applies the chain to {@code event}, adding every step applied to {@code applied} in order
     * (depth first through splits) and the final events to {@code out}; when a step fails, both
     * hold what came before it.
     *
     * @throws UpcastFailure naming the step that failed
     */
    public void trace(RecordedEvent event, List<RecordedEvent> out, List<Applied> applied) {
        run(event, out, applied);
    }

    private void run(RecordedEvent e, List<RecordedEvent> out, List<Applied> applied) {
        Upcaster step = step(e.eventType(), e.eventVersion());
        if (step == null) {
            out.add(e);
            return;
        }
        List<RecordedEvent> next = step.apply(e);
        if (applied != null) {
            applied.add(new Applied(step, e, next));
        }
        for (RecordedEvent n : next) {
            run(n, out, applied);
        }
    }

    @Override
    public boolean isIdentity() {
        return upcasters.isEmpty();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public Set<String> storedTypesFor(Set<String> types) {
        Set<String> found = new HashSet<>(types);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Upcaster u : upcasters) {
                if (!found.contains(u.type()) && !Collections.disjoint(u.renameTo(), found)) {
                    found.add(u.type());
                    grew = true;
                }
            }
        }
        return found;
    }

    /** The error a reader reports when a step fails on {@code stored}. */
    public static InvalidInputException failed(UpcastFailure f, RecordedEvent stored) {
        return new InvalidInputException(
                "upcaster " + f.upcaster().name() + " failed on the event at position " + stored.position() + " ("
                        + stored.stream() + " v" + stored.streamVersion() + ", " + stored.eventType() + " v"
                        + stored.eventVersion() + ")",
                List.of(f.location() + ": " + f.getMessage()),
                "fix the upcaster, and look at the event with 'evs upcast show " + stored.position() + "'");
    }

    /**
     * A SHA-256 over every step (type, from, to, declared renames, transform text) in a fixed
     * order, and the number policy its results are rounded by: equal fingerprints upcast every
     * event the same way, from run to run and machine to machine.
     */
    private static String fingerprint(List<Upcaster> upcasters) {
        StringBuilder s = new StringBuilder("eventscope-upcasters-v1\0");
        for (Upcaster u : upcasters) {
            s.append("step\0").append(u.type()).append('\0');
            s.append(u.from()).append('\0').append(u.to()).append('\0');
            for (String r : new TreeSet<>(u.renameTo())) {
                s.append("renameTo\0").append(r).append('\0');
            }
            s.append("transform\0").append(u.transform()).append('\0');
        }
        s.append("numbers\0").append(Numbers.DIGITS);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
