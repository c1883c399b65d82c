package dev.eventscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SequenceGapsTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    /** Rows stored at {@code storedAt}, at the given positions. */
    private static List<SourceEvent> page(Instant storedAt, long... positions) {
        return LongStream.of(positions)
                .mapToObj(p -> new SourceEvent(
                        new NewEvent(null, "E", StreamId.of("s", "1"), 1, null, null, null, null),
                        SourcePosition.of(p),
                        storedAt,
                        Set.of()))
                .toList();
    }

    private static List<Long> positions(List<SourceEvent> events) {
        return events.stream().map(e -> e.position().position()).toList();
    }

    private static SequenceGaps.Snapshot at(long xmin, long xmax, Duration sinceT0) {
        return new SequenceGaps.Snapshot(xmin, xmax, T0.plus(sinceT0));
    }

    private final SequenceGaps gaps = new SequenceGaps(Duration.ofSeconds(3));

    @Test
    void a_page_without_gaps_is_trusted_whole() {
        assertThat(positions(gaps.trusted(SourcePosition.of(3), page(T0, 4, 5, 6), at(100, 105, Duration.ZERO))))
                .containsExactly(4L, 5L, 6L);
    }

    @Test
    void a_fresh_gap_stops_the_page_before_it() {
        // when
        List<SourceEvent> trusted =
                gaps.trusted(SourcePosition.START, page(T0, 1, 2, 4, 5), at(100, 105, Duration.ZERO));

        // then
        assertThat(positions(trusted)).containsExactly(1L, 2L);
        assertThat(gaps.openGaps()).isEqualTo(1);
    }

    @Test
    void a_gap_behind_rows_stored_longer_ago_than_the_grace_period_is_settled_at_once() {
        assertThat(positions(
                        gaps.trusted(SourcePosition.START, page(T0, 1, 2, 4, 5), at(100, 105, Duration.ofSeconds(4)))))
                .containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void a_new_gap_settles_after_the_grace_period_once_the_writers_of_its_second_sighting_have_ended() {
        // given: seen at T0, again at T0+1s while transactions below 108 may run
        List<SourceEvent> page = page(T0, 4, 5);
        gaps.trusted(SourcePosition.of(2), page, at(100, 105, Duration.ZERO));
        gaps.trusted(SourcePosition.of(2), page, at(101, 108, Duration.ofSeconds(1)));

        // when
        List<SourceEvent> writerStillRunning =
                gaps.trusted(SourcePosition.of(2), page, at(107, 110, Duration.ofMillis(2900)));
        List<SourceEvent> tooSoon = gaps.trusted(SourcePosition.of(2), page, at(108, 110, Duration.ofMillis(2900)));
        List<SourceEvent> settled = gaps.trusted(SourcePosition.of(2), page, at(108, 111, Duration.ofMillis(3100)));

        // then: the rows are T0 and the grace period is measured on the source's clock
        assertThat(writerStillRunning).isEmpty();
        assertThat(tooSoon).isEmpty();
        assertThat(positions(settled)).containsExactly(4L, 5L);
        assertThat(gaps.openGaps()).isZero();
    }

    @Test
    void a_late_commit_that_fills_the_gap_is_read_in_order() {
        // given
        gaps.trusted(SourcePosition.START, page(T0, 1, 3), at(100, 105, Duration.ZERO));

        // when: the writer that held 2 commits
        List<SourceEvent> trusted =
                gaps.trusted(SourcePosition.of(1), page(T0, 2, 3), at(100, 106, Duration.ofMillis(100)));

        // then
        assertThat(positions(trusted)).containsExactly(2L, 3L);
        assertThat(gaps.openGaps()).isZero();
    }
}
