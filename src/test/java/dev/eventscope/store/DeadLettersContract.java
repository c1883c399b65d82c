package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract of {@link DeadLetters}. Every store that offers processing runs it. */
public abstract class DeadLettersContract extends ProcessingContract {

    static NewDeadLetter letter(String handler, UUID id, long position, String aggregate) {
        var now = Times.nowMicros();
        return new NewDeadLetter(handler, id, position, "E", new StreamId("A", aggregate), 2, "boom", null, now, now);
    }

    static NewDeadLetter letter(UUID id, long position, String aggregate) {
        return letter("h", id, position, aggregate);
    }

    @Test
    void a_parked_letter_is_found_with_every_fact() {
        // given
        UUID id = UUID.randomUUID();
        NewDeadLetter parked = letter(id, 4, "x");

        // when
        long letterId = processing.deadLetters().park(parked);

        // then
        DeadLetter got = processing.deadLetters().get(letterId).orElseThrow();
        assertThat(got.id()).isEqualTo(letterId);
        assertThat(got.handler()).isEqualTo("h");
        assertThat(got.eventId()).isEqualTo(id);
        assertThat(got.position()).isEqualTo(4);
        assertThat(got.eventType()).isEqualTo("E");
        assertThat(got.stream()).isEqualTo(new StreamId("A", "x"));
        assertThat(got.status()).isEqualTo(DeadLetter.Status.PARKED);
        assertThat(got.attempts()).isEqualTo(2);
        assertThat(got.error()).isEqualTo("boom");
        assertThat(got.blockedBy()).isNull();
        assertThat(got.firstFailedAt()).isEqualTo(parked.firstFailedAt());
        assertThat(got.lastFailedAt()).isEqualTo(parked.lastFailedAt());
        assertThat(got.resolvedAt()).isNull();
        assertThat(got.reason()).isNull();
        assertThat(processing.deadLetters().get(letterId + 1000)).isEmpty();
    }

    @Test
    void the_same_event_gets_one_letter_per_handler_ever() {
        // given
        UUID id = UUID.randomUUID();
        long first = processing.deadLetters().park(letter(id, 1, "x"));
        processing.deadLetters().resolve(first, 1, "retried");

        // when
        long again = processing.deadLetters().park(letter(id, 1, "x"));
        long other = processing.deadLetters().park(letter("g", id, 1, "x"));

        // then
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        List<DeadLetter> mine = processing.deadLetters().find(DeadLetterQuery.ALL.withHandler("h"));
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).status()).isEqualTo(DeadLetter.Status.PARKED);
        assertThat(mine.get(0).attempts()).isEqualTo(5);
        assertThat(mine.get(0).resolvedAt()).isNull();
    }

    @Test
    void parked_streams_name_their_earliest_parked_letter() {
        // given
        long x1 = processing.deadLetters().park(letter(UUID.randomUUID(), 7, "x"));
        processing.deadLetters().park(letter(UUID.randomUUID(), 9, "x"));
        long y = processing.deadLetters().park(letter(UUID.randomUUID(), 8, "y"));
        processing.deadLetters().skip(y, "not needed");

        // then
        assertThat(processing.deadLetters().parkedStreams("h")).isEqualTo(Map.of(new StreamId("A", "x"), x1));
        assertThat(processing.deadLetters().parkedStreams("g")).isEmpty();
        DeadLetter skipped = processing.deadLetters().get(y).orElseThrow();
        assertThat(skipped.status()).isEqualTo(DeadLetter.Status.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("not needed");
        assertThat(skipped.resolvedAt()).isNotNull();
    }

    @Test
    void a_resolved_letter_keeps_its_attempts_reason_and_time() {
        // given
        long id = processing.deadLetters().park(letter(UUID.randomUUID(), 3, "x"));

        // when
        processing.deadLetters().resolve(id, 3, "fixed upcaster");

        // then
        DeadLetter got = processing.deadLetters().get(id).orElseThrow();
        assertThat(got.status()).isEqualTo(DeadLetter.Status.RESOLVED);
        assertThat(got.attempts()).isEqualTo(5);
        assertThat(got.reason()).isEqualTo("fixed upcaster");
        assertThat(got.resolvedAt()).isNotNull();
    }

    @Test
    void a_letter_that_fails_again_counts_its_attempts_and_no_longer_waits_behind_another() {
        // given
        long first = processing.deadLetters().park(letter(UUID.randomUUID(), 3, "x"));
        long behind =
                processing.deadLetters().park(letter(UUID.randomUUID(), 5, "x").behind(first));
        assertThat(processing.deadLetters().get(behind).orElseThrow().blockedBy())
                .isEqualTo(first);

        // when
        processing.deadLetters().failedAgain(behind, 4, "still broken");

        // then
        DeadLetter got = processing.deadLetters().get(behind).orElseThrow();
        assertThat(got.attempts()).isEqualTo(6);
        assertThat(got.error()).isEqualTo("still broken");
        assertThat(got.blockedBy()).isNull();
        assertThat(got.status()).isEqualTo(DeadLetter.Status.PARKED);
    }

    @Test
    void the_changes_of_the_queue_differ_after_every_park_failure_resolution_and_skip() {
        // given
        List<DeadLetters.Changes> seen = new java.util.ArrayList<>();
        seen.add(processing.deadLetters().changes());
        UUID event = UUID.randomUUID();

        // when
        long a = processing.deadLetters().park(letter(event, 3, "x"));
        seen.add(processing.deadLetters().changes());
        long b = processing.deadLetters().park(letter(UUID.randomUUID(), 5, "y"));
        seen.add(processing.deadLetters().changes());
        processing.deadLetters().failedAgain(b, 1, "still broken");
        seen.add(processing.deadLetters().changes());
        processing.deadLetters().resolve(a, 1, "fixed");
        seen.add(processing.deadLetters().changes());
        processing.deadLetters().park(letter(event, 3, "x"));
        seen.add(processing.deadLetters().changes());
        processing.deadLetters().skip(b, "not needed");
        seen.add(processing.deadLetters().changes());

        // then
        assertThat(seen.get(0)).isEqualTo(DeadLetters.Changes.NONE);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(processing.deadLetters().changes());
        assertThat(seen.get(seen.size() - 1).letters()).isEqualTo(2);
        assertThat(seen.get(seen.size() - 1).parked()).isEqualTo(1);
    }

    @Test
    void letters_are_found_by_handler_type_status_and_stream_in_position_order() {
        // given
        long a = processing.deadLetters().park(letter(UUID.randomUUID(), 9, "x"));
        long b = processing.deadLetters().park(letter(UUID.randomUUID(), 2, "y"));
        long c = processing.deadLetters().park(letter("g", UUID.randomUUID(), 5, "x"));
        processing.deadLetters().skip(b, "no");

        // then
        assertThat(processing.deadLetters().find(DeadLetterQuery.ALL))
                .extracting(DeadLetter::id)
                .containsExactly(b, c, a);
        assertThat(processing.deadLetters().find(DeadLetterQuery.ALL.withHandler("h")))
                .extracting(DeadLetter::id)
                .containsExactly(b, a);
        assertThat(processing.deadLetters().find(DeadLetterQuery.ALL.withStatus(DeadLetter.Status.PARKED)))
                .extracting(DeadLetter::id)
                .containsExactly(c, a);
        assertThat(processing.deadLetters().find(DeadLetterQuery.ALL.withStream(new StreamId("A", "x"))))
                .extracting(DeadLetter::id)
                .containsExactly(c, a);
        assertThat(processing.deadLetters().find(new DeadLetterQuery(null, "E", null, null, 2)))
                .extracting(DeadLetter::id)
                .containsExactly(b, c);
        assertThat(processing.deadLetters().find(new DeadLetterQuery(null, "Other", null, null, null)))
                .isEmpty();
    }
}
