package dev.eventscope.verify;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.HashChain;
import dev.eventscope.store.IntegrityChecks;
import dev.eventscope.store.StoreHead;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Proves a store is what the tool wrote: the storage passes its engine's own check, the schema holds
 * nothing the tool did not create, every event's hash recomputes from its content and its
 * predecessor's hash, no tail was cut off, and (given a head pinned earlier) that head is still in
 * the chain.
 */
public final class StoreVerifier {

    private static final Pattern PIN = Pattern.compile("(?:(\\d+)[:@])?([0-9a-fA-F]{64})");
    private static final int MAX_LISTED = 50;

    /** A head pinned earlier, from {@code evs head}: a hash, optionally with its position. */
    public record Pin(Long position, String hash) {

        /** Parses {@code HASH}, {@code POSITION:HASH} or {@code POSITION@HASH}. */
        public static Pin parse(String text) {
            Matcher m = PIN.matcher(text.trim());
            if (!m.matches()) {
                throw new UsageException(
                        "--expect-head '" + text + "' is not a 64-digit hash, optionally preceded by POSITION:",
                        "pass what 'evs head' printed");
            }
            return new Pin(
                    m.group(1) == null ? null : Long.parseLong(m.group(1)),
                    m.group(2).toLowerCase(Locale.ROOT));
        }
    }

    private final EventStore store;

    public StoreVerifier(EventStore store) {
        this.store = store;
    }

    /**
     * What walking the hash chain found: the problems of its events (at most {@link #MAX_LISTED}
     * listed, then how many more), the events checked, the first bad position (0: none), the last
     * position read, and whether the pinned head was met.
     */
    public record ChainWalk(List<String> problems, long checked, long firstBad, long lastPosition, boolean pinFound) {}

    public VerifyReport verify(boolean full, Pin pin) {
        return verify(full, pin, null);
    }

    /**
     * Verifies with the chain walked already by {@link #walkChain} over the same events (a
     * migration walks its copy while the copy's indexes are being built), or walks it now when
     * {@code walked} is null.
     */
    public VerifyReport verify(boolean full, Pin pin, ChainWalk walked) {
        List<String> problems = new ArrayList<>();
        IntegrityChecks integrity = store.integrity();
        // the storage engine's check reads the file while the chain is walked, where it can
        Supplier<List<String>> storage = integrity.startStorageProblems(full);
        for (String p : integrity.schemaProblems()) {
            problems.add("schema: " + p);
        }
        ChainWalk chain = walked != null ? walked : walkChain(pin);
        problems.addAll(chain.problems());
        problems.addAll(0, storage.get());
        long firstBad = chain.firstBad();
        long highWater = integrity.positionHighWater();
        if (highWater > chain.lastPosition()) {
            problems.add("events after position " + chain.lastPosition() + " are missing: positions up to " + highWater
                    + " were assigned (the tail was removed)");
            if (firstBad == 0) {
                firstBad = chain.lastPosition() + 1;
            }
        }
        if (pin != null && !chain.pinFound()) {
            problems.add("the pinned head " + (pin.position() == null ? "" : pin.position() + ":") + pin.hash()
                    + " is not in the chain: events up to it were changed or removed, or this is another store");
        }
        StoreHead head = store.head();
        return new VerifyReport(
                problems, chain.checked(), head, firstBad, pin != null, pin != null && chain.pinFound());
    }

    /**
     * Reads every event in order and checks that its hash recomputes from its content and its
     * predecessor's hash, that its indexed metadata columns agree with its metadata, and that
     * record times never go back; notes whether {@code pin} (may be null) is met.
     */
    public ChainWalk walkChain(Pin pin) {
        List<String> problems = new ArrayList<>();
        HashChain chain = new HashChain();
        String previous = "";
        long checked = 0;
        long firstBad = 0;
        long bad = 0;
        long lastPosition = 0;
        long lastRecorded = Long.MIN_VALUE;
        boolean pinFound = false;
        try (Stream<RecordedEvent> events = store.scan(EventQuery.ALL)) {
            Iterator<RecordedEvent> it = events.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                checked++;
                String expected = chain.hash(previous, e);
                String issue = null;
                if (!expected.equals(e.hash())) {
                    issue = "position " + e.position() + ": the event does not match its hash"
                            + " (it, or the link to the event before it, was changed)";
                } else if (!Objects.equals(e.correlationId(), metadataText(e, "correlationId"))
                        || !Objects.equals(e.causationId(), metadataText(e, "causationId"))
                        || !Objects.equals(e.userId(), metadataText(e, "userId"))) {
                    issue = "position " + e.position() + ": indexed metadata columns disagree with the metadata";
                } else if (dev.eventscope.event.Times.toMicros(e.recordedAt()) < lastRecorded) {
                    issue = "position " + e.position() + ": recordedAt goes backwards";
                }
                if (issue != null) {
                    bad++;
                    if (firstBad == 0) {
                        firstBad = e.position();
                    }
                    if (bad <= MAX_LISTED) {
                        problems.add(issue);
                    }
                }
                if (pin != null
                        && pin.hash().equals(e.hash())
                        && (pin.position() == null || pin.position() == e.position())) {
                    pinFound = true;
                }
                lastRecorded = dev.eventscope.event.Times.toMicros(e.recordedAt());
                previous = e.hash();
                lastPosition = e.position();
            }
        }
        if (bad > MAX_LISTED) {
            problems.add("... and " + (bad - MAX_LISTED) + " more events that do not match");
        }
        return new ChainWalk(List.copyOf(problems), checked, firstBad, lastPosition, pinFound);
    }

    private static String metadataText(RecordedEvent e, String key) {
        var value = e.metadata().node().get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
