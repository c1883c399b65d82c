package dev.eventscope.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.ConflictException;
import dev.eventscope.error.InvalidInputException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.Json;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.ResolvedCut;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.AppendResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Running commands: appends with the version decided against, conflicts decided again with
 * retries, runs that write nothing, and commands already executed. The store is a list in memory
 * that checks expected versions as a real one does; another writer can be slipped in between a
 * decision and its append.
 */
class ExecutorTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static final Model MODEL = ModelLoader.parse(
            "m.yaml",
            "aggregates:\n"
                    + "  Counter:\n"
                    + "    initial: {value: 0}\n"
                    + "    reducers:\n"
                    + "      Incremented: '$state | {\"value\": $event.payload.to, * : .}'\n"
                    + "commands:\n"
                    + "  Increment:\n"
                    + "    aggregateType: Counter\n"
                    + "    aggregateId: .payload.id\n"
                    + "    decide: |\n"
                    + "      if ($state.value >= 3) {\"rejected\": \"at most 3\"}\n"
                    + "      else [{\"eventType\": \"Incremented\", \"payload\": {\"from\": $state.value, \"to\":"
                    + " $state.value + 1}}]\n",
            Path.of("."),
            List.of());

    static final StreamId C1 = new StreamId("Counter", "c-1");

    /** A store of events in memory that refuses an append to a stream at another version than expected. */
    static class ListStore implements Executor.Store {
        final List<RecordedEvent> events = new ArrayList<>();
        /** Runs before the next append, once: another writer getting there first. */
        Runnable beforeNextAppend;

        int appends;

        RecordedEvent add(NewEvent e) {
            long version = version(e.stream()) + 1;
            RecordedEvent r = new RecordedEvent(
                    events.size() + 1,
                    e.eventId(),
                    e.eventType(),
                    e.stream(),
                    version,
                    e.eventVersion(),
                    e.timestamp(),
                    T0.plusSeconds(events.size()),
                    e.payload(),
                    e.metadata(),
                    e.correlationId(),
                    e.causationId(),
                    e.userId(),
                    null);
            events.add(r);
            return r;
        }

        long version(StreamId stream) {
            return events.stream().filter(x -> x.stream().equals(stream)).count();
        }

        @Override
        public Executor.Pinned pin() {
            List<RecordedEvent> seen = List.copyOf(events);
            ResolvedCut cut = new ResolvedCut(Cut.LATEST, seen.size());
            return new Executor.Pinned() {
                @Override
                public ResolvedCut cut() {
                    return cut;
                }

                @Override
                public AggregateState state(StreamId stream) {
                    return TimeMachine.stateOf(
                            EventSource.of(seen, EventTransform.IDENTITY),
                            stream,
                            MODEL.aggregate(stream.aggregateType()),
                            cut);
                }
            };
        }

        @Override
        public Executor.Pinned pinBefore(Instant time) {
            List<RecordedEvent> seen =
                    events.stream().filter(e -> e.timestamp().isBefore(time)).toList();
            ResolvedCut cut = new ResolvedCut(new Cut.At(time, Cut.LATEST), events.size());
            return new Executor.Pinned() {
                @Override
                public ResolvedCut cut() {
                    return cut;
                }

                @Override
                public AggregateState state(StreamId stream) {
                    return TimeMachine.stateOf(
                            EventSource.of(seen, EventTransform.IDENTITY),
                            stream,
                            MODEL.aggregate(stream.aggregateType()),
                            cut);
                }
            };
        }

        @Override
        public List<RecordedEvent> causedBy(String commandId, StreamId stream, ResolvedCut cut) {
            return events.stream()
                    .filter(e -> commandId.equals(e.causationId()) && e.stream().equals(stream) && cut.recorded(e))
                    .toList();
        }

        @Override
        public void check(String command, List<NewEvent> decided) {}

        @Override
        public AppendResult append(List<NewEvent> decided, ExpectedVersion expected) {
            if (beforeNextAppend != null) {
                Runnable other = beforeNextAppend;
                beforeNextAppend = null;
                other.run();
            }
            appends++;
            long current = version(decided.get(0).stream());
            if (!expected.isSatisfiedBy(current)) {
                throw new ConflictException("wrong expected version " + expected + " for " + decided.get(0).stream()
                        + " (current " + current + ")");
            }
            return new AppendResult(decided.stream().map(this::add).toList(), false);
        }
    }

    final ListStore store = new ListStore();
    final Decider decider = new Decider(MODEL, EventJson.ReadOptions.DEFAULT);

    static Command increment(String id) {
        return Command.read(
                Json.parseTrusted("{\"commandType\": \"Increment\", \"commandId\": \"" + id
                        + "\", \"payload\": {\"id\": \"c-1\"}}"),
                null,
                null);
    }

    List<Outcome> run(boolean write, int retries, Command... commands) {
        List<Outcome> seen = new ArrayList<>();
        List<Outcome> outcomes = new Executor(decider, store, new Executor.Options(write, retries, T0))
                .run(List.of(commands), seen::add);
        assertThat(seen).isEqualTo(outcomes);
        return outcomes;
    }

    /** What another writer appends to the counter: an increment decided on its own. */
    void otherWriterIncrements(String commandId) {
        store.beforeNextAppend = () -> run(true, 0, increment(commandId));
    }

    @Nested
    class when_writing {

        @Test
        void each_command_is_appended_with_the_version_it_was_decided_against() {
            // when
            List<Outcome> outcomes = run(true, 0, increment("a"), increment("b"));

            // then
            assertThat(outcomes)
                    .extracting(Outcome::status)
                    .containsExactly(Outcome.Status.APPENDED, Outcome.Status.APPENDED);
            assertThat(outcomes).extracting(Outcome::version).containsExactly(0L, 1L);
            assertThat(store.events)
                    .extracting(e -> e.payload().text())
                    .containsExactly("{\"from\":0,\"to\":1}", "{\"from\":1,\"to\":2}");
            assertThat(store.events).extracting(RecordedEvent::causationId).containsExactly("a", "b");
            assertThat(outcomes.get(1).stored()).isEqualTo(store.events.subList(1, 2));
        }

        @Test
        void a_conflict_is_decided_again_against_the_new_state_when_retries_are_left() {
            // given: another writer appends between the decision and its append
            otherWriterIncrements("other");

            // when
            List<Outcome> outcomes = run(true, 1, increment("mine"));

            // then: decided twice, the second time against the other writer's event
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(Outcome.Status.APPENDED);
                assertThat(o.attempts()).isEqualTo(2);
                assertThat(o.version()).isEqualTo(1);
            });
            assertThat(store.events)
                    .extracting(e -> e.causationId() + " " + e.payload().text())
                    .containsExactly("other {\"from\":0,\"to\":1}", "mine {\"from\":1,\"to\":2}");
        }

        @Test
        void a_conflict_without_retries_left_is_reported_and_writes_nothing() {
            // given
            otherWriterIncrements("other");

            // then
            assertThatThrownBy(() -> run(true, 0, increment("mine")))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("Increment mine: wrong expected version 0 for Counter/c-1 (current 1); Counter/c-1"
                            + " changed after it was decided at version 0")
                    .satisfies(e -> assertThat(((ConflictException) e).hint())
                            .hasValue("nothing was written; pass --retry N to decide again against the new state"));
            assertThat(store.events).extracting(RecordedEvent::causationId).containsExactly("other");
        }

        @Test
        void the_first_rejection_ends_the_run_and_what_came_before_stays() {
            // when
            List<Outcome> outcomes =
                    run(true, 0, increment("a"), increment("b"), increment("c"), increment("d"), increment("e"));

            // then
            assertThat(outcomes)
                    .extracting(Outcome::status)
                    .containsExactly(
                            Outcome.Status.APPENDED,
                            Outcome.Status.APPENDED,
                            Outcome.Status.APPENDED,
                            Outcome.Status.REJECTED);
            assertThat(outcomes.get(3).reason()).isEqualTo("at most 3");
            assertThat(store.events).hasSize(3);
        }

        @Test
        void a_command_whose_id_caused_events_already_is_not_decided_again() {
            // given
            run(true, 0, increment("a"));

            // when
            List<Outcome> outcomes = run(true, 0, increment("a"));

            // then
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(Outcome.Status.ALREADY_EXECUTED);
                assertThat(o.stored()).isEqualTo(store.events);
            });
            assertThat(store.appends).isEqualTo(1);
        }
    }

    @Nested
    class when_writing_nothing {

        @Test
        void each_command_sees_what_the_ones_before_it_decided_and_nothing_is_appended() {
            // given
            run(true, 0, increment("a"));

            // when
            List<Outcome> outcomes = run(false, 0, increment("b"), increment("c"), increment("d"));

            // then
            assertThat(outcomes)
                    .extracting(Outcome::status)
                    .containsExactly(Outcome.Status.ACCEPTED, Outcome.Status.ACCEPTED, Outcome.Status.REJECTED);
            assertThat(outcomes).extracting(Outcome::version).containsExactly(1L, 2L, 3L);
            assertThat(outcomes.get(1).decided().get(0).payload().text()).isEqualTo("{\"from\":2,\"to\":3}");
            assertThat(store.events).hasSize(1);
            assertThat(store.appends).isEqualTo(1);
        }

        @Test
        void a_command_takes_the_run_s_time_unless_it_has_its_own() {
            // when
            Command timed = increment("b").at(Instant.parse("2024-05-05T00:00:00Z"));
            List<Outcome> outcomes = run(false, 0, increment("a"), timed);

            // then
            assertThat(outcomes.get(0).command().timestamp()).isEqualTo(T0);
            assertThat(outcomes.get(1).decided().get(0).timestamp()).isEqualTo(Instant.parse("2024-05-05T00:00:00Z"));
        }

        @Test
        void as_issued_each_command_is_decided_on_its_own_against_what_happened_before_its_time() {
            // given: three increments, a minute apart
            run(true, 0, increment("a").at(T0.plusSeconds(60)));
            run(true, 0, increment("b").at(T0.plusSeconds(120)));
            run(true, 0, increment("c").at(T0.plusSeconds(180)));

            // when: commands issued at the second and just after the third
            List<Outcome> outcomes = new Executor(decider, store, new Executor.Options(false, 0, T0, true))
                    .run(
                            List.of(
                                    increment("x").at(T0.plusSeconds(120)),
                                    increment("y").at(T0.plusSeconds(181)),
                                    increment("z").at(T0.plusSeconds(150))),
                            o -> {});

            // then: the first saw one event (not the one at its own time), the second three, the third two;
            // none saw another, and the rejection stopped nothing
            assertThat(outcomes)
                    .extracting(Outcome::status)
                    .containsExactly(Outcome.Status.ACCEPTED, Outcome.Status.REJECTED, Outcome.Status.ACCEPTED);
            assertThat(outcomes).extracting(Outcome::version).containsExactly(1L, 3L, 2L);
            assertThat(store.events).hasSize(3);
        }

        @Test
        void as_issued_every_command_needs_its_time_before_any_is_decided() {
            assertThatThrownBy(() -> new Executor(decider, store, new Executor.Options(false, 0, T0, true))
                            .run(List.of(increment("x").at(T0), increment("y")), o -> {
                                throw new AssertionError("decided " + o);
                            }))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Increment y has no timestamp, so it cannot be decided as it was issued");
        }

        @Test
        void the_checks_of_an_append_run_before_a_decision_is_shown() {
            // given
            Executor.Store refusing = new ListStore() {
                @Override
                public void check(String command, List<NewEvent> decided) {
                    throw new InvalidInputException(command + " breaks a schema");
                }
            };

            // then
            assertThatThrownBy(() -> new Executor(decider, refusing, new Executor.Options(false, 0, T0))
                            .run(List.of(increment("a")), o -> {}))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("Increment a breaks a schema");
        }
    }
}
