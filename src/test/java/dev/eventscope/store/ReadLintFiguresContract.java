package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The contract of {@link ReadLintFigures}: the counts and examples behind {@code lint}. Every store runs it. */
public abstract class ReadLintFiguresContract extends StoreContract {

    private static final StreamId O1 = StreamId.of("Order", "o-1");

    @Test
    void large_payloads_are_counted_in_utf8_bytes_with_the_first_examples() {
        // given: 10, 2 and 12 bytes
        append(
                event("A").payload("{\"a\":\"é\"}").build(),
                event("B").payload("{}").build(),
                event("C").payload("{\"b\":\"éé\"}").build());

        // when
        ReadLintFigures.Matches m = store.lintFigures().largePayloads(9, 1);

        // then
        assertThat(m.count()).isEqualTo(2);
        assertThat(m.examples()).containsExactly(new ReadLintFigures.Example(1, O1, "A", "10"));
        assertThat(store.lintFigures().largePayloads(12, 5).count()).isZero();
    }

    @Test
    void events_without_a_correlation_id_are_counted() {
        append(
                event("A").metadata("{\"correlationId\":\"c\"}").build(),
                event("B").build(),
                event("C").metadata("{\"userId\":\"u\"}").build());

        ReadLintFigures.Matches m = store.lintFigures().withoutCorrelation(5);

        assertThat(m.count()).isEqualTo(2);
        assertThat(m.examples()).extracting(ReadLintFigures.Example::position).containsExactly(2L, 3L);
        assertThat(m.examples().get(0).detail()).isNull();
    }

    @Test
    void causations_of_the_event_id_form_that_name_no_event_dangle() {
        // given
        UUID stored = UUID.fromString("00000000-0000-4000-8000-000000000001");
        String missing = "00000000-0000-4000-8000-000000000099";
        append(event("A").id(stored).build());
        append(
                event("B").metadata("{\"causationId\":\"" + stored + "\"}").build(),
                event("C").metadata("{\"causationId\":\"" + missing + "\"}").build(),
                event("D").metadata("{\"causationId\":\"cmd-17\"}").build(),
                event("E")
                        .metadata("{\"causationId\":\"00000000-0000-4000-8000-00000000009Z\"}")
                        .build());

        // when
        ReadLintFigures.Matches m = store.lintFigures().danglingCausations(5);

        // then
        assertThat(m.count()).isEqualTo(1);
        assertThat(m.examples()).containsExactly(new ReadLintFigures.Example(3, O1, "C", missing));
    }

    @Test
    void a_timestamp_earlier_than_its_predecessor_in_the_stream_goes_backwards() {
        // given
        append(
                event("A").at("2024-01-02T00:00:00Z").build(),
                event("B").on("Order", "o-2").at("2024-01-01T00:00:00Z").build(),
                event("C").at("2024-01-01T00:00:00Z").build(),
                event("D").at("2024-01-03T00:00:00Z").build());

        // when
        ReadLintFigures.Matches m = store.lintFigures().timestampsBackwards(5);

        // then
        assertThat(m.count()).isEqualTo(1);
        assertThat(m.examples())
                .containsExactly(new ReadLintFigures.Example(
                        3, O1, "C", Long.toString(Times.toMicros(java.time.Instant.parse("2024-01-02T00:00:00Z")))));
    }

    @Test
    void events_recorded_long_after_their_timestamp_lag() {
        // given
        List<RecordedEvent> e = append(
                event("Old").at("2024-01-01T00:00:00Z").build(), event("Now").build());

        // when
        ReadLintFigures.Matches m = store.lintFigures().recordLag(Duration.ofDays(1), 5);

        // then
        assertThat(m.count()).isEqualTo(1);
        assertThat(m.examples().get(0).position()).isEqualTo(1);
        assertThat(m.examples().get(0).detail())
                .isEqualTo(Long.toString(
                        Duration.between(e.get(0).timestamp(), e.get(0).recordedAt())
                                        .toNanos()
                                / 1000));
    }

    @Test
    void the_same_type_and_payload_twice_in_a_row_in_a_stream_repeats() {
        // given
        append(
                event("A").payload("{\"x\":1}").build(),
                event("A").on("Order", "o-2").payload("{\"x\":1}").build(),
                event("A").payload("{\"x\":1}").build(),
                event("B").payload("{\"x\":1}").build(),
                event("A").payload("{\"x\":1}").build());

        // when
        ReadLintFigures.Matches m = store.lintFigures().repeatedPayloads(5);

        // then
        assertThat(m.count()).isEqualTo(1);
        assertThat(m.examples()).containsExactly(new ReadLintFigures.Example(3, O1, "A", "1"));
    }

    @Test
    void type_versions_are_counted_sorted() {
        append(
                event("B").version(2).build(),
                event("A").build(),
                event("B").build(),
                event("B").version(2).on("Payment", "p").build());

        assertThat(store.lintFigures().typeVersions())
                .containsExactly(
                        new ReadLintFigures.TypeVersion("Order", "A", 1, 1),
                        new ReadLintFigures.TypeVersion("Order", "B", 1, 1),
                        new ReadLintFigures.TypeVersion("Order", "B", 2, 1),
                        new ReadLintFigures.TypeVersion("Payment", "B", 2, 1));
    }

    @Test
    void figures_asked_together_are_those_of_each_method() {
        // given: one of each finding
        UUID stored = UUID.fromString("00000000-0000-4000-8000-000000000001");
        append(event("Placed")
                .id(stored)
                .at("2024-01-02T00:00:00Z")
                .payload("{\"a\":\"long\"}")
                .build());
        append(
                event("Placed")
                        .at("2024-01-01T00:00:00Z")
                        .payload("{\"a\":\"long\"}")
                        .build(),
                event("Shipped")
                        .on("Payment", "p")
                        .version(2)
                        .metadata("{\"correlationId\":\"c\",\"causationId\":\"00000000-0000-4000-8000-000000000099\"}")
                        .build());
        ReadLintFigures figures = store.lintFigures();

        // when
        ReadLintFigures.Answers all = figures.figures(new ReadLintFigures.Request(
                java.util.EnumSet.allOf(ReadLintFigures.Figure.class), 5, Duration.ofDays(1), 2));
        ReadLintFigures.Answers some = figures.figures(new ReadLintFigures.Request(
                java.util.EnumSet.of(ReadLintFigures.Figure.REPEATED_PAYLOADS), 5, Duration.ofDays(1), 2));

        // then
        assertThat(all.of(ReadLintFigures.Figure.LARGE_PAYLOADS)).isEqualTo(figures.largePayloads(5, 2));
        assertThat(all.of(ReadLintFigures.Figure.WITHOUT_CORRELATION)).isEqualTo(figures.withoutCorrelation(2));
        assertThat(all.of(ReadLintFigures.Figure.DANGLING_CAUSATIONS)).isEqualTo(figures.danglingCausations(2));
        assertThat(all.of(ReadLintFigures.Figure.TIMESTAMPS_BACKWARDS)).isEqualTo(figures.timestampsBackwards(2));
        assertThat(all.of(ReadLintFigures.Figure.RECORD_LAG)).isEqualTo(figures.recordLag(Duration.ofDays(1), 2));
        assertThat(all.of(ReadLintFigures.Figure.REPEATED_PAYLOADS)).isEqualTo(figures.repeatedPayloads(2));
        assertThat(all.typeVersions()).isEqualTo(figures.typeVersions());
        assertThat(all.of(ReadLintFigures.Figure.REPEATED_PAYLOADS).examples())
                .containsExactly(new ReadLintFigures.Example(2, O1, "Placed", "1"));
        assertThat(all.of(ReadLintFigures.Figure.DANGLING_CAUSATIONS).count()).isEqualTo(1);
        assertThat(all.of(ReadLintFigures.Figure.LARGE_PAYLOADS).count()).isEqualTo(2);
        assertThat(some.matches()).containsOnlyKeys(ReadLintFigures.Figure.REPEATED_PAYLOADS);
        assertThat(some.typeVersions()).isNull();
    }

    @Test
    void an_empty_store_matches_nothing() {
        assertThat(store.lintFigures().withoutCorrelation(3)).isEqualTo(new ReadLintFigures.Matches(0, List.of()));
        assertThat(store.lintFigures().typeVersions()).isEmpty();
    }
}
