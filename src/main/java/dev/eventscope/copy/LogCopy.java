package dev.eventscope.copy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code evs copy}: a faithful copy of one store's log into another, of either kind: the same
 * positions, eventIds, stream versions, times and hashes, so the copy's head is the source's and
 * {@code verify --expect-head} of the source's head passes on it.
 *
 * <p>Resumable: a target that holds events already is checked first, its head against the source's
 * event at the same position; when the hashes agree only what follows is copied, otherwise the
 * logs diverged and nothing is written. Events go over in batches, each one transaction of the
 * target ({@link EventStore#appendExactly}), so an interrupted copy keeps what it committed and the
 * next run goes on from there. With {@code follow} it keeps the copy current until stopped.
 *
 * <p>Only the log is copied: checkpoints, dead letters, read models and snapshots belong to where
 * they were made and are built again where they are needed.
 */
public final class LogCopy {

    /**
     * @param batch events per transaction of the target
     * @param follow keep copying new events until stopped
     * @param poll with follow: the longest wait for new events (the source may wake it sooner)
     */
    public record Options(int batch, boolean follow, Duration poll) {

        public static final int DEFAULT_BATCH = 5_000;

        public Options {
            if (batch < 1) {
                throw new IllegalArgumentException("a batch holds at least one event");
            }
            if (poll == null || poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("the poll interval must be positive");
            }
        }
    }

    /** What a copy did: the positions it added (none when {@code copied} is 0) and the target's head. */
    public record Report(long copied, long fromPosition, long toPosition, StoreHead head, boolean stopped) {}

    /** What a copy tells as it goes (progress for people; nothing else depends on it). */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** {@code copied} events so far, up to {@code position} of {@code sourceHead}. */
        default void progress(long copied, long position, long sourceHead) {}

        /** A round of a followed copy ended at {@code position}. */
        default void caughtUp(long copied, long position) {}
    }

    private final EventStore source;
    private final EventStore target;
    private final Listener listener;
    private final BooleanSupplier stop;

    public LogCopy(EventStore source, EventStore target, Listener listener, BooleanSupplier stop) {
        this.source = source;
        this.target = target;
        this.listener = listener;
        this.stop = stop;
    }

    /**
     * Copies what the target lacks (and with follow, what arrives later).
     *
     * @throws UsageException when the target is the source
     * @throws ConflictException when the logs diverged: the target's head is not in the source
     */
    public Report run(Options options) throws InterruptedException {
        if (source.locator().equals(target.locator())) {
            throw new UsageException(
                    "--to names the store being copied (" + source.locator() + ")", "copy into another file or URL");
        }
        StoreHead start = target.head();
        checkSameLog(start);
        long copied = 0;
        long from = start.position() + 1;
        long next = from;
        boolean stopped = false;
        while (true) {
            long sourceHead = source.headPosition();
            while (next <= sourceHead) {
                if (stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                long upTo = Math.min(sourceHead, next + options.batch() - 1);
                List<RecordedEvent> batch = read(next, upTo);
                if (batch.isEmpty()) {
                    break;
                }
                target.appendExactly(batch);
                copied += batch.size();
                next = batch.get(batch.size() - 1).position() + 1;
                listener.progress(copied, next - 1, sourceHead);
            }
            if (stopped || !options.follow()) {
                break;
            }
            listener.caughtUp(copied, next - 1);
            stopped = !await(next - 1, options.poll());
            if (stopped) {
                break;
            }
        }
        return new Report(copied, copied == 0 ? 0 : from, copied == 0 ? 0 : next - 1, target.head(), stopped);
    }

    /** Refuses a target whose head is not the source's event at the same position. */
    private void checkSameLog(StoreHead head) {
        if (head.isEmpty()) {
            return;
        }
        Optional<RecordedEvent> same = source.byPosition(head.position());
        if (same.isEmpty()) {
            throw new ConflictException(
                    "the logs diverged: the target " + target.locator() + " ends at position " + head.position()
                            + ", beyond the source's head " + source.headPosition(),
                    "copy into a new target, or copy the other way");
        }
        if (!same.get().hash().equals(head.hash())) {
            throw new ConflictException(
                    "the logs diverged: at position " + head.position() + " the target's hash is " + head.hash()
                            + " but the source's is " + same.get().hash(),
                    "the target is another log, or one of them was changed; copy into a new target");
        }
    }

    private List<RecordedEvent> read(long from, long to) {
        List<RecordedEvent> batch = new ArrayList<>((int) Math.min(to - from + 1, 100_000));
        try (Stream<RecordedEvent> events = source.scan(EventQuery.ALL.withPositions(from, to))) {
            Iterator<RecordedEvent> it = events.iterator();
            while (it.hasNext()) {
                batch.add(it.next());
            }
        }
        return batch;
    }

    /** Waits for source events after {@code position}; false when stopped first. */
    private boolean await(long position, Duration poll) throws InterruptedException {
        long end = System.nanoTime() + poll.toNanos();
        while (!stop.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            source.awaitAppend(
                    position,
                    Duration.ofNanos(Math.min(left, Duration.ofMillis(100).toNanos())));
            if (source.headPosition() > position) {
                return true;
            }
        }
        return false;
    }
}
