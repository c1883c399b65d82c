package dev.eventscope.store;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of {@link AppendEvents#append} that do not depend on how a store keeps its events: what
 * a batch must look like, and the failures every store reports in the same words.
 */
public final class AppendRules {

    private AppendRules() {}

    /**
     * Checks a batch before any store work: not empty, no eventId twice, one stream unless the
     * expected version is any.
     */
    public static void checkBatch(List<NewEvent> events, ExpectedVersion expected) {
        if (events.isEmpty()) {
            throw new InvalidInputException("nothing to append: the batch is empty");
        }
        Set<StreamId> streams = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (NewEvent e : events) {
            streams.add(e.stream());
            if (e.eventId() != null && !ids.add(e.eventId())) {
                throw new InvalidInputException("eventId " + e.eventId() + " appears twice in the batch");
            }
        }
        if (!(expected instanceof ExpectedVersion.Any) && streams.size() > 1) {
            throw new UsageException(
                    "--expected-version " + expected + " needs a batch of one stream; this one has " + streams.size(),
                    "split the batch by stream, or use --expected-version any");
        }
    }

    /** An eventId stored already with other content. */
    public static ConflictException reused(RecordedEvent existing, List<String> diffs) {
        return new ConflictException(
                "eventId " + existing.eventId() + " is already stored at position " + existing.position()
                        + " with different content (it differs in " + String.join(", ", diffs) + ")",
                "give the new event its own eventId, or leave eventId out");
    }

    /** A batch of which only some events are stored. */
    public static ConflictException partlyStored(List<RecordedEvent> stored, int batchSize) {
        return new ConflictException(
                "the batch is partly stored already: " + stored.size() + " of " + batchSize + " events exist (first: "
                        + stored.get(0).eventId() + " at position "
                        + stored.get(0).position() + ")",
                "append only the events that are not stored yet, or the whole batch with new eventIds");
    }

    /** The stream is not at the version the writer expected. */
    public static ConflictException wrongVersion(ExpectedVersion expected, StreamId stream, long current) {
        if (expected instanceof ExpectedVersion.NoStream) {
            return new ConflictException(
                    "wrong expected version no-stream for " + stream + " (current " + current + ")",
                    "the stream exists; re-read it or pass --expected-version " + current);
        }
        if (expected instanceof ExpectedVersion.Exists) {
            return new ConflictException(
                    "wrong expected version exists for " + stream + " (current 0: no events)",
                    "create the stream first, or pass --expected-version no-stream");
        }
        return new ConflictException(
                "wrong expected version " + expected + " for " + stream + " (current " + current + ")",
                "re-read the stream or pass --expected-version " + current);
    }

    /** An event that carries a stream version the stream cannot take next. */
    public static ConflictException streamVersionTaken(NewEvent e, long next) {
        return new ConflictException(
                "streamVersion " + e.streamVersion() + " for " + e.stream() + " cannot be used: the next version is "
                        + next,
                "leave streamVersion out, or re-read the stream");
    }

    /** What an import says of an event whose stream version cannot land (the stream is at {@code current}). */
    public static String cannotLand(NewEvent e, long current) {
        return "streamVersion " + e.streamVersion() + " for " + e.stream() + " cannot land: the stream is at " + current
                + ", so the next event is version " + (current + 1);
    }

    /**
     * Checks that {@code events} continue a log whose head is {@code position} with {@code hash}:
     * dense positions from position + 1, each hash recomputed from its event and the one before.
     *
     * @throws ConflictException when they do not continue it
     * @throws InvalidInputException when an event does not match its hash
     */
    public static void checkContinues(long position, String hash, List<RecordedEvent> events, HashChain chain) {
        long expected = position + 1;
        String previous = hash;
        for (RecordedEvent e : events) {
            if (e.position() != expected) {
                throw new ConflictException(
                        "the event at position " + e.position() + " does not continue the log, whose next position"
                                + " is " + expected,
                        e.position() > expected
                                ? "the source has no event at position " + expected + "; a copy keeps positions dense"
                                : "another writer appended to the target; copy again to resume");
            }
            if (!chain.hash(previous, e).equals(e.hash())) {
                throw new InvalidInputException(
                        "the event at position " + e.position() + " does not match its hash (it, or the link to the"
                                + " event before it, was changed)",
                        "run 'evs verify' on the source; a damaged log is not copied");
            }
            previous = e.hash();
            expected++;
        }
    }
}
