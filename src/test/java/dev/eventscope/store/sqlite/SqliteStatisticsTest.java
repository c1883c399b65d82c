package dev.eventscope.store.sqlite;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.ReadStatistics;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statistics and name lookups the SQLite store answers with SQL aggregates. */
class SqliteStatisticsTest {

    @TempDir
    Path dir;

    SqliteEventStore store;
    List<RecordedEvent> written = new ArrayList<>();

    @BeforeEach
    void open() {
        store = SqliteEventStore.open(
                new StoreOptions(dir.resolve("events.db"), StoreOptions.Access.WRITE, Duration.ofSeconds(5)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void append(NewEvent... events) {
        written.addAll(store.append(List.of(events), ExpectedVersion.ANY).events());
    }

    @Nested
    class when_the_store_is_empty {

        @Test
        void totals_are_zero_and_times_absent() {
            // when
            ReadStatistics.Totals t = store.statistics().totals();

            // then
            assertThat(t.events()).isZero();
            assertThat(t.lastRecordedAt()).isNull();
            assertThat(store.statistics().busiestMinute()).isEmpty();
            assertThat(store.statistics().lag(null).events()).isZero();
            assertThat(store.names().aggregateIds(null, "", 10)).isEmpty();
        }
    }

    @Nested
    class when_events_are_stored {

        @BeforeEach
        void given() {
            append(
                    event("OrderPlaced")
                            .on("Order", "o-1")
                            .at("2024-01-01T00:00:00Z")
                            .payload("{\"a\":\"é\"}")
                            .build(),
                    event("OrderPlaced")
                            .on("Order", "o-2")
                            .at("2024-01-01T00:00:00Z")
                            .payload("{}")
                            .build(),
                    event("OrderShipped")
                            .on("Order", "o-1")
                            .at("2024-01-02T00:00:00Z")
                            .payload("{}")
                            .build(),
                    event("PaymentTaken")
                            .on("Payment", "o-1")
                            .at("2024-01-03T00:00:00Z")
                            .payload("{}")
                            .build(),
                    event("PaymentTaken")
                            .on("Payment", "p-9")
                            .at("2024-01-03T00:00:00Z")
                            .payload("{}")
                            .build());
        }

        @Test
        void totals_count_events_streams_and_types() {
            // when
            ReadStatistics.Totals t = store.statistics().totals();

            // then
            assertThat(t.events()).isEqualTo(5);
            assertThat(t.streams()).isEqualTo(4);
            assertThat(t.aggregateTypes()).isEqualTo(2);
            assertThat(t.eventTypes()).isEqualTo(3);
            assertThat(t.headPosition()).isEqualTo(5);
            assertThat(t.firstTimestamp()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        }

        @Test
        void payload_sizes_are_utf8_bytes_per_event_type() {
            // when
            var types = store.statistics().eventTypes();

            // then: {"a":"é"} is 10 bytes (é is two), {} is 2
            assertThat(types).first().isEqualTo(new ReadStatistics.TypeFigures("OrderPlaced", 2, 12, 10));
            assertThat(store.statistics().largestPayloads(1))
                    .singleElement()
                    .extracting(ReadStatistics.PayloadSize::bytes)
                    .isEqualTo(10L);
        }

        @Test
        void every_event_was_recorded_in_the_last_minute_and_the_busiest_minute_holds_them_all() {
            // given
            Instant after = written.get(4).recordedAt().plusSeconds(1);

            // when
            long[] lastMinute = store.statistics().recordedPerBucket(after, Duration.ofMinutes(1), 1);
            long[] minuteBefore =
                    store.statistics().recordedPerBucket(after.minusSeconds(120), Duration.ofMinutes(1), 1);

            // then
            assertThat(lastMinute).containsExactly(5);
            assertThat(minuteBefore).containsExactly(0);
            assertThat(store.statistics().busiestMinute().orElseThrow().events())
                    .isEqualTo(5);
        }

        @Test
        void the_lag_is_record_time_minus_timestamp_at_nearest_ranks() {
            // given: lags sorted are those of the 2024-01-03 events (smallest) up to 2024-01-01 (largest)
            RecordedEvent oldest = written.get(0);
            Duration largest = Duration.between(oldest.timestamp(), oldest.recordedAt());

            // when
            ReadStatistics.Lag lag = store.statistics().lag(null);

            // then: rank 3 of 5 is the 2024-01-02 event; ranks of p99 and max are 5
            assertThat(lag.events()).isEqualTo(5);
            assertThat(lag.median())
                    .isEqualTo(Duration.between(
                            written.get(2).timestamp(), written.get(2).recordedAt()));
            assertThat(lag.p99()).isEqualTo(largest);
            assertThat(lag.max()).isEqualTo(largest);
        }

        @Test
        void names_are_found_by_prefix_sorted_and_capped() {
            // then
            assertThat(store.names().aggregateTypes("P", 10)).containsExactly("Payment");
            assertThat(store.names().eventTypes("Order", 10)).containsExactly("OrderPlaced", "OrderShipped");
            assertThat(store.names().aggregateIds(null, "o-", 10)).containsExactly("o-1", "o-2");
            assertThat(store.names().aggregateIds(null, "", 2)).containsExactly("o-1", "o-2");
            assertThat(store.names().aggregateIds("Payment", "", 10)).containsExactly("o-1", "p-9");
            assertThat(store.names().aggregateIds(null, "x", 10)).isEmpty();
        }
    }

    @Test
    void nearest_rank_of_a_percentile_is_within_one_and_n() {
        assertThat(SqliteStatistics.rank(1, 0.99)).isEqualTo(1);
        assertThat(SqliteStatistics.rank(100, 0.99)).isEqualTo(99);
        assertThat(SqliteStatistics.rank(5, 0.5)).isEqualTo(3);
    }
}
