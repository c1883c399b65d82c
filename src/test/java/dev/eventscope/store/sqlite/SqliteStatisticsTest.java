package dev.eventscope.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The arithmetic behind the SQLite store's percentiles. What the statistics are is {@link
 * dev.eventscope.store.ReadStatisticsContract}.
 */
class SqliteStatisticsTest {

    @Test
    void nearest_rank_of_a_percentile_is_within_one_and_n() {
        assertThat(SqliteStatistics.rank(1, 0.99)).isEqualTo(1);
        assertThat(SqliteStatistics.rank(100, 0.99)).isEqualTo(99);
        assertThat(SqliteStatistics.rank(5, 0.5)).isEqualTo(3);
    }
}
