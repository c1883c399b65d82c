package dev.eventscope.snapshot;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.Cut;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.model.Model;
import dev.eventscope.model.ModelLoader;
import dev.eventscope.pipeline.EventReader;
import dev.eventscope.pipeline.EventSource;
import dev.eventscope.replay.Fit;
import dev.eventscope.replay.Policy;
import dev.eventscope.replay.SnapshotStarts;
import dev.eventscope.replay.TimeMachine;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.SnapshotInfo;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import dev.eventscope.verify.StoreVerifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots in a real store file: the fingerprint rule, pruning, verifying, and rows changed behind the tool. */
class SqliteSnapshotsTest {

    static final String RULES = "aggregates:\n"
            + "  Acc:\n"
            + "    initial: {total: 0}\n"
            + "    reducers:\n"
            + "      Add: '$state | {\"total\": .total + $event.payload.n, * : .}'\n";

    static Model model(String rules) {
        return ModelLoader.parse("test.yaml", rules, Path.of("."), List.of());
    }

    @TempDir
    Path dir;

    EventStore store;

    @BeforeEach
    void tenEventsOnTwoAggregates() {
        store = SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(dir.resolve("events.db")),
                StoreOptions.Access.WRITE,
                StoreOptions.DEFAULT_BUSY_TIMEOUT));
        List<NewEvent> events = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            events.add(event("Add")
                    .on("Acc", i % 2 == 0 ? "a" : "b")
                    .at("2024-01-01T00:00:" + (10 + i) + "Z")
                    .payload("{\"n\":" + i + "}")
                    .build());
        }
        store.append(events, ExpectedVersion.ANY);
    }

    @AfterEach
    void close() {
        store.close();
    }

    TimeMachine machine(Model model) {
        return new TimeMachine(
                store,
                model,
                new EventSource(EventReader.of(() -> store), model.transform()),
                null,
                new SnapshotStarts(store.snapshots(), store::snapshots));
    }

    Snapshots snapshots(Model model) {
        return new Snapshots(store, machine(model), new SnapshotStarts(store.snapshots(), store::snapshots));
    }

    void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("events.db"));
                Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @Nested
    class when_creating_snapshots {

        @Test
        void create_all_writes_one_per_aggregate_and_a_second_run_finds_them_up_to_date() {
            // when
            Snapshots.CreateResult first = snapshots(model(RULES)).create(null, null, Cut.LATEST);
            Snapshots.CreateResult second = snapshots(model(RULES)).create(null, null, Cut.LATEST);

            // then
            assertThat(first.created())
                    .extracting(i -> i.stream().aggregateId() + " v" + i.version() + " p" + i.position())
                    .containsExactlyInAnyOrder("a v5 p10", "b v5 p9");
            assertThat(second.created()).isEmpty();
            assertThat(second.upToDate()).isEqualTo(2);
            assertThat(new StoreVerifier(store).verify(true, null).problems()).isEmpty();
        }

        @Test
        void a_snapshot_records_the_largest_timestamp_it_folded() {
            // when
            SnapshotInfo s = snapshots(model(RULES))
                    .create("a", null, new Cut.Version(2))
                    .created()
                    .get(0);

            // then
            assertThat(s.validTime()).hasToString("2024-01-01T00:00:14Z");
            assertThat(s.position()).isEqualTo(4);
        }

        @Test
        void a_valid_time_cut_cannot_make_a_snapshot() {
            assertThatThrownBy(() -> snapshots(model(RULES))
                            .create("a", null, new Cut.At(java.time.Instant.parse("2024-01-01T00:00:15Z"), Cut.LATEST)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("--at selects events by timestamp");
        }
    }

    @Nested
    class when_the_reducer_changes {

        static final String CHANGED = RULES.replace(".total + $event.payload.n", ".total + 2 * $event.payload.n");

        @Test
        void the_old_snapshot_is_not_used_and_the_explanation_says_why() {
            // given
            snapshots(model(RULES)).create("a", null, new Cut.Version(3));

            // when
            TimeMachine.StateResult r = machine(model(CHANGED))
                    .state("a", null, Cut.LATEST, TimeMachine.Steps.NONE, new Policy(null, false));

            // then
            assertThat(r.choice().used()).isNull();
            assertThat(r.choice().passedOver()).isEqualTo(Map.of(Fit.STALE, 1));
            assertThat(r.state().state().get("total").asInt()).isEqualTo(2 * (2 + 4 + 6 + 8 + 10));
            assertThat(r.state().folded().applied()).isEqualTo(5);
        }

        @Test
        void prune_stale_removes_it_and_keeps_the_current_models() {
            // given
            snapshots(model(RULES)).create("a", null, new Cut.Version(3));
            snapshots(model(CHANGED)).create("a", null, new Cut.Version(4));

            // when
            SnapshotCatalog.PruneResult pruned =
                    snapshots(model(CHANGED)).catalog().prune(null, true, false);

            // then
            assertThat(pruned.pruned()).extracting(p -> p.info().version()).containsExactly(3L);
            List<SnapshotCatalog.Listed> left =
                    snapshots(model(CHANGED)).catalog().list(null, null);
            assertThat(left)
                    .extracting(l -> l.info().version() + " " + l.current())
                    .containsExactly("4 true");
        }
    }

    @Nested
    class when_pruning_by_count {

        @Test
        void keep_leaves_the_newest_of_each_aggregate() {
            // given
            Snapshots s = snapshots(model(RULES));
            for (long v = 1; v <= 4; v++) {
                s.create("a", null, new Cut.Version(v));
            }
            s.create("b", null, new Cut.Version(1));

            // when
            SnapshotCatalog.PruneResult dry = s.catalog().prune(2, false, true);
            SnapshotCatalog.PruneResult done = s.catalog().prune(2, false, false);

            // then
            assertThat(dry.pruned()).hasSize(2);
            assertThat(done.pruned())
                    .extracting(p -> p.info().describe())
                    .containsExactlyElementsOf(
                            dry.pruned().stream().map(p -> p.info().describe()).toList());
            assertThat(s.catalog().list(null, null))
                    .extracting(l ->
                            l.info().stream().aggregateId() + " v" + l.info().version())
                    .containsExactly("a v4", "a v3", "b v1");
        }
    }

    @Nested
    class when_a_row_is_changed_behind_the_tool {

        @Test
        void verify_names_a_snapshot_whose_state_was_edited_and_state_no_longer_uses_it() throws SQLException {
            // given
            Snapshots s = snapshots(model(RULES));
            SnapshotInfo made =
                    s.create("a", null, new Cut.Version(3)).created().get(0);
            sql("UPDATE snapshots SET state = '{\"total\":1000}' WHERE id = " + made.id());

            // when
            SnapshotCheck.Result check = s.catalog().verify(null, null);
            TimeMachine.StateResult state =
                    machine(model(RULES)).state("a", null, Cut.LATEST, TimeMachine.Steps.NONE, new Policy(null, false));

            // then
            assertThat(check.ok()).isFalse();
            assertThat(check.problems()).singleElement().satisfies(p -> {
                assertThat(p.snapshot().id()).isEqualTo(made.id());
                assertThat(p.problem())
                        .isEqualTo("its state does not match the checksum written with it (changed after it was"
                                + " written); its state differs from a fresh fold at /total");
            });
            assertThat(state.choice().passedOver()).isEqualTo(Map.of(Fit.DAMAGED, 1));
            assertThat(state.state().state().get("total").asInt()).isEqualTo(30);
        }

        @Test
        void verify_names_a_snapshot_moved_to_another_version_with_its_checksum_kept_consistent() throws SQLException {
            // given
            Snapshots s = snapshots(model(RULES));
            SnapshotInfo made =
                    s.create("a", null, new Cut.Version(3)).created().get(0);
            sql("UPDATE snapshots SET stream_version = 4 WHERE id = " + made.id());

            // when
            SnapshotCheck.Result check = s.catalog().verify("a", "Acc");

            // then
            assertThat(check.checked()).isEqualTo(1);
            assertThat(check.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.problem())
                            .isEqualTo("position 6, but the fold reaches position 8; largest timestamp"
                                    + " 2024-01-01T00:00:16Z, but the events folded reach 2024-01-01T00:00:18Z; its state"
                                    + " differs from a fresh fold at /total"));
        }

        @Test
        void verify_is_clean_for_untouched_snapshots_and_counts_stale_ones_without_checking_them() {
            // given
            snapshots(model(RULES)).create(null, "Acc", Cut.LATEST);
            snapshots(model(RULES.replace("{total: 0}", "{total: 1}"))).create("a", "Acc", new Cut.Version(2));

            // when
            SnapshotCheck.Result check = snapshots(model(RULES)).catalog().verify(null, null);

            // then
            assertThat(check.ok()).isTrue();
            assertThat(check.checked()).isEqualTo(2);
            assertThat(check.stale()).isEqualTo(1);
        }
    }

    @Test
    void the_same_stream_version_and_model_replace_the_earlier_snapshot() {
        // given
        Snapshots s = snapshots(model(RULES));
        SnapshotInfo first = s.create("a", null, new Cut.Version(2)).created().get(0);

        // when
        s.catalog().prune(0, false, false);
        SnapshotInfo again = s.create("a", null, new Cut.Version(2)).created().get(0);
        List<SnapshotInfo> saved = store.snapshots()
                .save(List.of(new dev.eventscope.store.NewSnapshot(
                        StreamId.of("Acc", "a"),
                        2,
                        4,
                        again.validTime(),
                        again.fingerprint(),
                        dev.eventscope.event.JsonDoc.ofText("{\"total\":6}"))));

        // then
        assertThat(first.id()).isNotEqualTo(again.id());
        assertThat(saved.get(0).id()).isEqualTo(again.id());
        assertThat(store.snapshots().list(StreamId.of("Acc", "a"))).hasSize(1);
    }
}
