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

    public VerifyReport verify(boolean full, Pin pin) {
        List<String> problems = new ArrayList<>();
        IntegrityChecks integrity = store.integrity();
        // the storage engine's check reads the file while the chain is walked, where it can
        Supplier<List<String>> storage = integrity.startStorageProblems(full);
        for (String p : integrity.schemaProblems()) {
            problems.add("schema: " + p);
        }
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
        problems.addAll(0, storage.get());
        if (bad > MAX_LISTED) {
            problems.add("... and " + (bad - MAX_LISTED) + " more events that do not match");
        }
        long highWater = integrity.positionHighWater();
        if (highWater > lastPosition) {
            problems.add("events after position " + lastPosition + " are missing: positions up to " + highWater
                    + " were assigned (the tail was removed)");
            if (firstBad == 0) {
                firstBad = lastPosition + 1;
            }
        }
        if (pin != null && !pinFound) {
            problems.add("the pinned head " + (pin.position() == null ? "" : pin.position() + ":") + pin.hash()
                    + " is not in the chain: events up to it were changed or removed, or this is another store");
        }
        StoreHead head = store.head();
        return new VerifyReport(problems, checked, head, firstBad, pin != null, pin != null && pinFound);
    }

    private static String metadataText(RecordedEvent e, String key) {
        var value = e.metadata().node().get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
