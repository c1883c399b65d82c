package dev.eventscope.store;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.InvalidInputException;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReadModelQuery}: one read-only SELECT over the store's tables, answered
 * with column names and typed values; anything else refused before it runs. Every store that offers
 * queries runs it.
 */
public abstract class ReadModelQueryContract extends StoreContract {

    @BeforeEach
    void two_events() {
        append(event("E").build(), event("F").build());
    }

    @Test
    void a_select_or_a_with_select_is_answered_with_column_names_and_typed_values() {
        // when
        try (QueryResult r = store.requireReadModelQuery()
                .query("-- a comment; not a statement\nWITH t AS (SELECT position, event_type, 1.5 AS x"
                        + " FROM events) SELECT * FROM t WHERE event_type <> 'a;b' ORDER BY position;")) {
            // then
            assertThat(r.columns()).containsExactly("position", "event_type", "x");
            assertThat(r.rows().toList()).containsExactly(List.of(1L, "E", 1.5), List.of(2L, "F", 1.5));
        }
    }

    @Test
    void the_events_table_answers_with_its_public_columns() {
        try (QueryResult r = store.requireReadModelQuery()
                .query("select position, event_type, aggregate_type, aggregate_id, stream_version, payload"
                        + " from events order by position desc")) {
            assertThat(r.rows().toList())
                    .containsExactly(
                            List.of(2L, "F", "Order", "o-1", 2L, "{}"), List.of(1L, "E", "Order", "o-1", 1L, "{}"));
        }
    }

    @Test
    void anything_but_one_select_is_refused_before_it_runs() {
        for (String sql : List.of(
                "DELETE FROM events",
                "select 1; drop table events",
                "WITH x AS (SELECT 1) DELETE FROM events",
                "INSERT INTO checkpoints (handler, position, updated_at) VALUES ('x', 1, 1)",
                "  ")) {
            assertThatThrownBy(() -> store.requireReadModelQuery().query(sql))
                    .as(sql)
                    .isInstanceOf(UsageException.class);
        }
        assertThat(store.head().events()).isEqualTo(2);
    }

    @Test
    void a_missing_read_model_is_not_found_and_bad_sql_is_invalid_input() {
        assertThatThrownBy(() -> store.requireReadModelQuery().query("select * from rm_orders"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("no table rm_orders")
                .satisfies(e -> assertThat(((NotFoundException) e).hint())
                        .hasValue("run 'evs process orders' to build the read model first"));
        assertThatThrownBy(() -> store.requireReadModelQuery().query("select nope from events"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the query does not run: ")
                .hasMessageContaining("nope");
    }

    @Test
    void a_query_sees_what_was_committed_before_it() {
        // given
        try (QueryResult r = store.requireReadModelQuery().query("select count(*) AS n from events")) {
            assertThat(r.rows().toList()).containsExactly(List.of(2L));
        }

        // when
        append(event("G").build());

        // then
        try (QueryResult r = store.requireReadModelQuery().query("select count(*) AS n from events")) {
            assertThat(r.columns()).containsExactly("n");
            assertThat(r.rows().toList()).containsExactly(List.of(3L));
        }
    }
}
