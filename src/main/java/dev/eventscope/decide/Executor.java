package dev.eventscope.decide;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.store.AppendResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs commands ({@code exec}): for each, in order, the states at the cut, the decision, and
 * (when writing) the append of its events with the target's version as the expected version. A
 * conflict means another writer changed the target since it was read: with retries left, the
 * command is decided again against the new state; without, the conflict is reported. The first
 * rejection ends the run (the commands before it stay executed); so does any error.
 *
 * <p>Without writing (a dry run, or a decision at a cut) every command of the run is decided at
 * the same cut, and each sees the events the ones before it decided, as if they had been appended.
 * As issued, each command is decided on its own against the events that had happened before its
 * timestamp: a replay of commands against the history they met, in which a rejection stops nothing.
 *
 * <p>A command whose id caused events of its target already (inside the cut) is not decided again:
 * it is reported as already executed with those events, which makes running the same commands
 * twice safe.
 */
public final class Executor {

    /** The states of every stream at one cut, resolved when it was taken. */
    public interface Pinned extends StateReader {
        ResolvedCut cut();
    }

    /** What a run needs from the store; the engine supplies it. */
    public interface Store {

        /** The states at the run's cut, resolved now (for a live run: at the store's head now). */
        Pinned pin();

        /**
         * The states at the run's cut with the valid time bounded to just before {@code time}: the
         * events that had happened before a command issued then.
         */
        Pinned pinBefore(Instant time);

        /** The events of {@code stream} inside {@code cut} whose causationId is {@code commandId}. */
        List<RecordedEvent> causedBy(String commandId, StreamId stream, ResolvedCut cut);

        /**
         * Checks decided events as an append would (the model's JSON Schemas), for {@code command}
         * (how messages name it).
         *
         * @throws dev.eventscope.error.InvalidInputException when they do not pass
         */
        void check(String command, List<NewEvent> events);

        /**
         * Appends atomically, refusing when the stream's version is not {@code expected}.
         *
         * @throws ConflictException when it is not
         */
        AppendResult append(List<NewEvent> events, ExpectedVersion expected);
    }

    /**
     * How to run.
     *
     * @param write append accepted events (false: a dry run or a decision at a cut)
     * @param retries how many times a conflicting command is decided again
     * @param time the time of commands that give none
     * @param asIssued decide each command against the events that had happened before its own
     *     timestamp, on its own (never writes; every command must give its timestamp)
     */
    public record Options(boolean write, int retries, Instant time, boolean asIssued) {
        public Options {
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more");
            }
            if (write && asIssued) {
                throw new IllegalArgumentException("a run as issued never writes");
            }
        }

        public Options(boolean write, int retries, Instant time) {
            this(write, retries, time, false);
        }
    }

    private final Decider decider;
    private final Store store;
    private final Options options;

    public Executor(Decider decider, Store store, Options options) {
        this.decider = decider;
        this.store = store;
        this.options = options;
    }

    /**
     * Runs {@code commands} in order, handing each outcome to {@code sink} as it is known, and stops
     * after the first rejection (as issued: decides every command).
     *
     * @throws ConflictException when a command still conflicts after its retries
     * @throws dev.eventscope.error.InvalidInputException when a rule fails or decides invalid events
     */
    public List<Outcome> run(List<Command> commands, Consumer<Outcome> sink) {
        if (options.asIssued()) {
            for (Command c : commands) {
                if (c.timestamp() == null) {
                    throw new InvalidInputException(
                            Decider.describe(c) + " has no timestamp, so it cannot be decided as it was issued",
                            "give every command its \"timestamp\": the time it was issued");
                }
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        Overlay overlay = options.write() || options.asIssued() ? null : new Overlay(store.pin());
        for (Command c : commands) {
            Command command = c.at(options.time());
            Outcome outcome = options.asIssued()
                    ? hypothetical(command, store.pinBefore(command.timestamp()), null)
                    : overlay == null ? live(command) : hypothetical(command, overlay, overlay);
            outcomes.add(outcome);
            sink.accept(outcome);
            if (outcome.status() == Outcome.Status.REJECTED && !options.asIssued()) {
                break;
            }
        }
        return outcomes;
    }

    private Outcome live(Command command) {
        for (int attempt = 1; ; attempt++) {
            Pinned pinned = store.pin();
            Outcome done = alreadyExecuted(command, pinned, attempt);
            if (done != null) {
                return done;
            }
            Decided d = decider.decide(command, pinned);
            if (d.rejected() || d.events().isEmpty()) {
                return outcome(
                        d,
                        pinned.cut(),
                        d.rejected() ? Outcome.Status.REJECTED : Outcome.Status.ACCEPTED,
                        List.of(),
                        attempt);
            }
            store.check(Decider.describe(command), d.events());
            try {
                AppendResult appended = store.append(
                        d.events(), new ExpectedVersion.Exactly(d.state().version()));
                return outcome(d, pinned.cut(), Outcome.Status.APPENDED, appended.events(), attempt);
            } catch (ConflictException e) {
                if (attempt > options.retries()) {
                    throw new ConflictException(
                            Decider.describe(command) + ": " + e.getMessage() + "; " + d.target()
                                    + " changed after it was decided at version "
                                    + d.state().version()
                                    + (attempt > 1 ? " (decided " + attempt + " times)" : ""),
                            "nothing was written; pass --retry N to decide again against the new state",
                            e);
                }
                backOff(attempt);
            }
        }
    }

    /** A decision that writes nothing, against {@code states}; its events go to {@code overlay} when given. */
    private Outcome hypothetical(Command command, Pinned states, Overlay overlay) {
        Outcome done = alreadyExecuted(command, states, 1);
        if (done != null) {
            return done;
        }
        Decided d = decider.decide(command, states);
        if (d.rejected()) {
            return outcome(d, states.cut(), Outcome.Status.REJECTED, List.of(), 1);
        }
        store.check(Decider.describe(command), d.events());
        if (overlay != null) {
            overlay.after(d);
        }
        return outcome(d, states.cut(), Outcome.Status.ACCEPTED, List.of(), 1);
    }

    private Outcome alreadyExecuted(Command command, Pinned pinned, int attempt) {
        StreamId target = decider.target(command);
        List<RecordedEvent> caused = store.causedBy(command.commandId(), target, pinned.cut());
        if (caused.isEmpty()) {
            return null;
        }
        AggregateState state = pinned.state(target);
        return new Outcome(
                Outcome.Status.ALREADY_EXECUTED,
                command,
                target,
                pinned.cut(),
                state.version(),
                null,
                List.of(),
                List.of(),
                caused,
                attempt);
    }

    private static Outcome outcome(
            Decided d, ResolvedCut cut, Outcome.Status status, List<RecordedEvent> stored, int attempts) {
        return new Outcome(
                status,
                d.command(),
                d.target(),
                cut,
                d.state().version(),
                d.reason(),
                d.reads(),
                d.events(),
                stored,
                attempts);
    }

    /** A short pause before deciding again, growing with the attempts, so two racing writers drift apart. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1 + Math.min(50, 5L * attempt)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while waiting to decide again");
        }
    }

    /** The states of a run that writes nothing: the cut's, with the events decided so far applied. */
    private static final class Overlay implements Pinned {
        private final Pinned base;
        private final Map<StreamId, AggregateState> changed = new HashMap<>();

        Overlay(Pinned base) {
            this.base = base;
        }

        @Override
        public ResolvedCut cut() {
            return base.cut();
        }

        @Override
        public AggregateState state(StreamId stream) {
            AggregateState s = changed.get(stream);
            return s != null ? s : base.state(stream);
        }

        void after(Decided d) {
            AggregateState s = d.state();
            changed.put(
                    d.target(),
                    new AggregateState(s.stream(), s.cut(), s.initial(), d.after(), s.outOfOrder(), List.of(), 0));
        }
    }
}
