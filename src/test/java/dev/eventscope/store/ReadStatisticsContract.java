package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.NewEvent;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReadStatistics}: totals, rates, lag, per-type and payload figures, and the
 * storage the adapter reports. Every store runs it.
 */
public abstract class ReadStatisticsContract extends StoreContract {

    private final List<RecordedEvent> written = new ArrayList<>();

    private void add(NewEvent... events) {
        written.addAll(append(events));
    }

    @Nested
    class when_the_store_is_empty {

        @Test
        void totals_are_zero_and_times_absent() {
            // when
            ReadStatistics.Totals t = store.statistics().totals();

            // then
            assertThat(t).isEqualTo(new ReadStatistics.Totals(0, 0, 0, 0, 0, null, null, null, null));
            assertThat(store.statistics().busiestMinute()).isEmpty();
            assertThat(store.statistics().lag(null).events()).isZero();
            assertThat(store.statistics().eventTypes()).isEmpty();
            assertThat(store.statistics().largestPayloads(3)).isEmpty();
            assertThat(store.statistics().recordedPerBucket(Instant.now(), Duration.ofMinutes(1), 3))
                    .containsExactly(0, 0, 0);
        }

        @Test
        void the_storage_names_where_the_store_is_and_sizes_in_bytes() {
            // when
            ReadStatistics.Storage storage = store.statistics().storage();

            // then
            assertThat(storage.locationKey()).isNotBlank();
            assertThat(storage.location()).isEqualTo(locator.toString());
            assertThat(storage.figures()).isNotEmpty().allSatisfy(f -> {
                assertThat(f.key()).endsWith("Bytes");
                assertThat(f.metric()).startsWith("eventscope_store_").endsWith("_bytes");
                assertThat(f.bytes()).isNotNegative();
            });
            assertThat(storage.figures().get(0).bytes()).isPositive();
        }
    }

    @Nested
    class when_events_are_stored {

        @BeforeEach
        void given() {
            add(
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
            assertThat(t.lastTimestamp()).isEqualTo(Instant.parse("2024-01-03T00:00:00Z"));
            assertThat(t.firstRecordedAt()).isEqualTo(written.get(0).recordedAt());
            assertThat(t.lastRecordedAt()).isEqualTo(written.get(4).recordedAt());
        }

        @Test
        void payload_sizes_are_utf8_bytes_per_event_type() {
            // when
            var types = store.statistics().eventTypes();

            // then: {"a":"é"} is 10 bytes (é is two), {} is 2
            assertThat(types)
                    .containsExactly(
                            new ReadStatistics.TypeFigures("OrderPlaced", 2, 12, 10),
                            new ReadStatistics.TypeFigures("PaymentTaken", 2, 4, 2),
                            new ReadStatistics.TypeFigures("OrderShipped", 1, 2, 2));
            assertThat(store.statistics().largestPayloads(1))
                    .containsExactly(new ReadStatistics.PayloadSize(1, "OrderPlaced", StreamId.of("Order", "o-1"), 10));
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
            ReadStatistics.Minute busiest = store.statistics().busiestMinute().orElseThrow();
            assertThat(busiest.events()).isEqualTo(5);
            assertThat(busiest.start().getEpochSecond() % 60).isZero();
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
            assertThat(store.statistics()
                            .lag(written.get(4).recordedAt().plusSeconds(1))
                            .events())
                    .isZero();
        }
    }
}
