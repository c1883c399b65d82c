package dev.eventscope.copy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ExactLoad;
import dev.eventscope.store.ImportTarget;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code evs copy}: a faithful copy of one store's log into another, of either kind: the same
 * positions, eventIds, stream versions, times and hashes, so the copy's head is the source's and
 * {@code verify --expect-head} of the source's head passes on it.
 *
 * <p>Into a new or empty target the events up to the source's head go over as one bulk load
 * ({@link ImportTarget#startExactLoad()}, ADR 0235): a store file takes them in one transaction
 * with its secondary indexes built once at the end, as an import into a new store does, while
 * another thread reads the source ahead. Such a load is all or nothing: a killed copy leaves no
 * target (or the empty one it found), and the next run starts over; stopped (a followed copy
 * interrupted) it commits what it loaded.
 *
 * <p>Resumable: a target that holds events already is checked first, its head against the source's
 * event at the same position; when the hashes agree only what follows is copied, otherwise the
 * logs diverged and nothing is written. Those events go over in batches, each one transaction of
 * the target ({@link EventStore#appendExactly}), so an interrupted copy keeps what it committed and
 * the next run goes on from there. With {@code follow} it keeps the copy current until stopped.
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

    /** Batches read ahead of the target during a bulk load. */
    private static final int AHEAD = 4;

    private final EventStore source;
    private final StoreLocator targetLocator;
    private final ImportTarget into;
    private final Supplier<EventStore> openTarget;
    private final Listener listener;
    private final BooleanSupplier stop;

    /** A copy into a store that is open already. */
    public LogCopy(EventStore source, EventStore target, Listener listener, BooleanSupplier stop) {
        this(source, target.locator(), target, () -> target, listener, stop);
    }

    /**
     * A copy into the store at {@code targetLocator}, which may not exist yet.
     *
     * @param into where a bulk load goes: the target store when it exists, otherwise what creates
     *     it when the load commits
     * @param openTarget opens the target (creating it when it is still missing) for the batches
     *     after a bulk load, or instead of one
     */
    public LogCopy(
            EventStore source,
            StoreLocator targetLocator,
            ImportTarget into,
            Supplier<EventStore> openTarget,
            Listener listener,
            BooleanSupplier stop) {
        this.source = source;
        this.targetLocator = targetLocator;
        this.into = into;
        this.openTarget = openTarget;
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
        if (source.locator().equals(targetLocator)) {
            throw new UsageException(
                    "--to names the store being copied (" + source.locator() + ")", "copy into another file or URL");
        }
        StoreHead start = into instanceof EventStore existing ? existing.head() : StoreHead.EMPTY;
        checkSameLog(start);
        long copied = 0;
        long from = start.position() + 1;
        long next = from;
        boolean stopped = false;
        if (start.isEmpty()) {
            long sourceHead = source.headPosition();
            if (sourceHead > 0) {
                Bulk bulk = bulkLoad(sourceHead, options.batch());
                copied = bulk.copied;
                next = bulk.next;
                stopped = bulk.stopped;
            }
        }
        EventStore target = openTarget.get();
        while (!stopped) {
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
        }
        return new Report(copied, copied == 0 ? 0 : from, copied == 0 ? 0 : next - 1, target.head(), stopped);
    }

    /** What a bulk load did: events copied, the next position, whether it was stopped. */
    private record Bulk(long copied, long next, boolean stopped) {}

    /**
     * Copies positions 1 to {@code sourceHead} into the empty target as one load, the source read
     * ahead on another thread. Stopped, it commits what it loaded.
     */
    private Bulk bulkLoad(long sourceHead, int batch) throws InterruptedException {
        long copied = 0;
        long next = 1;
        boolean stopped = false;
        try (ExactLoad load = into.startExactLoad();
                Ahead ahead = new Ahead(source, sourceHead, batch)) {
            while (true) {
                if (stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                List<RecordedEvent> events = ahead.next();
                if (events.isEmpty()) {
                    break;
                }
                load.write(events);
                copied += events.size();
                next = events.get(events.size() - 1).position() + 1;
                listener.progress(copied, next - 1, sourceHead);
            }
            load.commit();
        }
        return new Bulk(copied, next, stopped);
    }

    /**
     * The source's events from position 1 to a head, in batches, read by a thread of their own up
     * to {@link #AHEAD} batches ahead of the writer. One scan serves the whole load.
     */
    private static final class Ahead implements AutoCloseable {
        private static final List<RecordedEvent> END = List.of();

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
        private final Thread reader;
        private volatile boolean closed;
        private boolean ended;

        Ahead(EventStore source, long head, int batch) {
            reader = new Thread(() -> read(source, head, batch), "copy-read-ahead");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(EventStore source, long head, int batch) {
            Object last = END;
            try (Stream<RecordedEvent> events = source.scan(EventQuery.ALL.withPositions(1L, head))) {
                Iterator<RecordedEvent> it = events.iterator();
                List<RecordedEvent> current = new ArrayList<>(batch);
                while (!closed && it.hasNext()) {
                    current.add(it.next());
                    if (current.size() == batch) {
                        queue.put(current);
                        current = new ArrayList<>(batch);
                    }
                }
                if (!current.isEmpty() && !closed) {
                    queue.put(current);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                if (!closed) {
                    queue.put(last);
                }
            } catch (InterruptedException e) {
                // closed meanwhile: nobody waits for the end any more
            }
        }

        /** The next batch; empty at the end. Rethrows what the reading thread failed with. */
        @SuppressWarnings("unchecked")
        List<RecordedEvent> next() throws InterruptedException {
            if (ended) {
                return END;
            }
            Object item = queue.take();
            if (item instanceof RuntimeException e) {
                ended = true;
                throw e;
            }
            if (item instanceof Error e) {
                ended = true;
                throw e;
            }
            List<RecordedEvent> events = (List<RecordedEvent>) item;
            ended = events.isEmpty();
            return events;
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            reader.interrupt();
            reader.join();
        }
    }

    /** Refuses a target whose head is not the source's event at the same position. */
    private void checkSameLog(StoreHead head) {
        if (head.isEmpty()) {
            return;
        }
        Optional<RecordedEvent> same = source.byPosition(head.position());
        if (same.isEmpty()) {
            throw new ConflictException(
                    "the logs diverged: the target " + targetLocator + " ends at position " + head.position()
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
