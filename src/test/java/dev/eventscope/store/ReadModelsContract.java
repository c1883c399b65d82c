package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ReadModels}: read-model tables created, filled, swapped and dropped in the
 * store's transactions, and read back by a query. Every store that offers processing and queries
 * runs it.
 */
public abstract class ReadModelsContract extends ProcessingContract {

    protected static final ReadModelTable ORDERS = new ReadModelTable(
            "rm_orders",
            "id",
            List.of(
                    new ReadModelTable.Column("id", ReadModelTable.ColumnType.TEXT),
                    new ReadModelTable.Column("status", ReadModelTable.ColumnType.TEXT),
                    new ReadModelTable.Column("total", ReadModelTable.ColumnType.REAL),
                    new ReadModelTable.Column("items", ReadModelTable.ColumnType.INTEGER)));

    protected List<List<Object>> rows(String sql) {
        try (QueryResult r = store.requireReadModelQuery().query(sql)) {
            return r.rows().toList();
        }
    }

    protected static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void an_upsert_sets_only_the_columns_it_gives_and_a_delete_removes_by_key() {
        // when
        inTransaction(() -> {
            processing.readModels().create(ORDERS);
            processing.readModels().upsert(ORDERS, row("id", "o-1", "status", "PLACED", "total", 10.5, "items", 2L));
            processing.readModels().upsert(ORDERS, row("id", "o-1", "status", "SHIPPED"));
            processing.readModels().upsert(ORDERS, row("id", "o-2"));
            processing.readModels().upsert(ORDERS, row("id", "o-3", "status", null));
            processing.readModels().delete(ORDERS, "o-2");
        });

        // then
        assertThat(rows("select * from rm_orders order by id"))
                .containsExactly(List.of("o-1", "SHIPPED", 10.5, 2L), nulls("o-3", 3));
        assertThat(processing.readModels().count("rm_orders")).isEqualTo(2);
        assertThat(store.integrity().schemaProblems()).isEmpty();
    }

    private static List<Object> nulls(Object first, int nulls) {
        List<Object> row = new ArrayList<>();
        row.add(first);
        for (int i = 0; i < nulls; i++) {
            row.add(null);
        }
        return row;
    }

    @Test
    void a_created_table_has_the_layout_of_its_definition() {
        // when
        inTransaction(() -> processing.readModels().create(ORDERS));

        // then
        assertThat(processing.readModels().layout("rm_orders")).hasValue(ORDERS.layout());
        assertThat(processing.readModels().layout("rm_nothing")).isEmpty();
        assertThat(processing.readModels().count("rm_orders")).isZero();
    }

    @Test
    void a_replace_swaps_the_new_table_in_under_the_old_name() {
        // given
        inTransaction(() -> {
            processing.readModels().create(ORDERS);
            processing.readModels().upsert(ORDERS, row("id", "old"));
            ReadModelTable next = ORDERS.renamed("rm_orders__next");
            processing.readModels().create(next);
            processing.readModels().upsert(next, row("id", "new"));
        });

        // when
        inTransaction(() -> processing.readModels().replace("rm_orders__next", "rm_orders"));

        // then
        assertThat(rows("select id from rm_orders")).containsExactly(List.of("new"));
        assertThat(processing.readModels().layout("rm_orders__next")).isEmpty();
        assertThat(processing.readModels().layout("rm_orders")).hasValue(ORDERS.layout());
        assertThat(store.integrity().schemaProblems()).isEmpty();
    }

    @Test
    void a_dropped_table_is_gone_and_dropping_a_missing_one_is_nothing() {
        // given
        inTransaction(() -> processing.readModels().create(ORDERS));

        // when
        inTransaction(() -> {
            processing.readModels().drop("rm_orders");
            processing.readModels().drop("rm_never");
        });

        // then
        assertThat(processing.readModels().layout("rm_orders")).isEmpty();
    }

    @Test
    void a_failure_inside_the_transaction_leaves_nothing_of_it() {
        // when
        assertThatThrownBy(() -> inTransaction(() -> {
                    processing.readModels().create(ORDERS);
                    processing.readModels().upsert(ORDERS, row("id", "o-1"));
                    processing.checkpoints().put("orders", 5, null);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");

        // then
        assertThat(processing.readModels().layout("rm_orders")).isEmpty();
        assertThat(processing.checkpoints().get("orders")).isEmpty();
    }

    @Test
    void values_are_bound_as_data_whatever_they_hold() {
        // when
        String nasty = "x'); DROP TABLE rm_orders; --\"\\ \u00e9\u4e2d\uD83D\uDE00";
        inTransaction(() -> {
            processing.readModels().create(ORDERS);
            processing.readModels().upsert(ORDERS, row("id", nasty, "status", nasty));
        });

        // then
        assertThat(rows("select id, status from rm_orders")).containsExactly(List.of(nasty, nasty));
    }

    @Test
    void a_row_without_its_key_or_with_an_unknown_column_is_refused() {
        inTransaction(() -> processing.readModels().create(ORDERS));
        assertThatThrownBy(() -> inTransaction(() -> processing.readModels().upsert(ORDERS, row("status", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        inTransaction(() -> processing.readModels().upsert(ORDERS, row("id", "a", "nope", 1L))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(processing.readModels().count("rm_orders")).isZero();
    }
}
