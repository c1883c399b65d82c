package dev.eventscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.StreamId;
import dev.eventscope.event.Times;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SnapshotStore}: saving, listing newest first, loading with the state's
 * checksum, replacing a snapshot of the same stream, version and rules, and deleting. Every store
 * runs it.
 */
public abstract class SnapshotStoreContract extends StoreContract {

    static final StreamId O1 = StreamId.of("Order", "o-1");
    static final StreamId O2 = StreamId.of("Order", "o-2");
    static final StreamId P1 = StreamId.of("Payment", "p-1");
    static final Instant T = Instant.parse("2024-01-15T10:30:00.123456Z");

    static NewSnapshot snapshot(StreamId stream, long version, String fingerprint, String state) {
        return new NewSnapshot(
                stream, version, version * 10, T.plusSeconds(version), fingerprint, JsonDoc.ofText(state));
    }

    @Test
    void a_saved_snapshot_is_described_and_loads_with_its_state_intact() {
        // given
        String state = "{\"status\":\"PLACED\",\"note\":\"café\"}";

        // when
        SnapshotInfo saved =
                store.snapshots().save(List.of(snapshot(O1, 3, "f-1", state))).get(0);

        // then
        assertThat(saved.stream()).isEqualTo(O1);
        assertThat(saved.version()).isEqualTo(3);
        assertThat(saved.position()).isEqualTo(30);
        assertThat(saved.validTime()).isEqualTo(T.plusSeconds(3));
        assertThat(saved.fingerprint()).isEqualTo("f-1");
        assertThat(saved.sizeBytes()).isEqualTo(state.getBytes(StandardCharsets.UTF_8).length);
        assertThat(saved.createdAt()).isBeforeOrEqualTo(Times.nowMicros());
        Snapshot loaded = store.snapshots().load(saved.id()).orElseThrow();
        assertThat(loaded.info()).isEqualTo(saved);
        assertThat(loaded.state().text()).isEqualTo(state);
        assertThat(loaded.intact()).isTrue();
        assertThat(loaded.checksum()).isEqualTo(Snapshot.checksum(state));
    }

    @Test
    void a_stream_s_snapshots_are_listed_newest_first() {
        // given
        store.snapshots().save(List.of(snapshot(O1, 2, "f-1", "{}"), snapshot(O1, 5, "f-1", "{}")));
        store.snapshots().save(List.of(snapshot(O1, 5, "f-2", "{}"), snapshot(O2, 9, "f-1", "{}")));

        // then
        assertThat(store.snapshots().list(O1))
                .extracting(s -> s.version() + "/" + s.fingerprint())
                .containsExactly("5/f-2", "5/f-1", "2/f-1");
        assertThat(store.snapshots().list(StreamId.of("Order", "o-9"))).isEmpty();
    }

    @Test
    void every_snapshot_of_a_type_or_of_all_types_is_listed_by_stream_then_newest_first() {
        // given
        store.snapshots()
                .save(List.of(
                        snapshot(P1, 1, "f", "{}"),
                        snapshot(O2, 1, "f", "{}"),
                        snapshot(O1, 1, "f", "{}"),
                        snapshot(O1, 4, "f", "{}")));

        // then
        assertThat(store.snapshots().list("Order"))
                .extracting(s -> s.stream().aggregateId() + "@" + s.version())
                .containsExactly("o-1@4", "o-1@1", "o-2@1");
        assertThat(store.snapshots().list((String) null))
                .extracting(s -> s.stream() + "@" + s.version())
                .containsExactly("Order/o-1@4", "Order/o-1@1", "Order/o-2@1", "Payment/p-1@1");
    }

    @Test
    void the_same_stream_version_and_rules_replace_the_stored_snapshot() {
        // given
        store.snapshots().save(List.of(snapshot(O1, 3, "f-1", "{\"n\":1}")));

        // when
        SnapshotInfo again = store.snapshots()
                .save(List.of(snapshot(O1, 3, "f-1", "{\"n\":2}")))
                .get(0);

        // then
        assertThat(store.snapshots().list(O1)).containsExactly(again);
        assertThat(store.snapshots().load(again.id()).orElseThrow().state().text())
                .isEqualTo("{\"n\":2}");
    }

    @Test
    void deleting_removes_the_given_snapshots_and_counts_those_that_were_there() {
        // given
        List<SnapshotInfo> saved = store.snapshots()
                .save(List.of(snapshot(O1, 1, "f", "{}"), snapshot(O1, 2, "f", "{}"), snapshot(O2, 1, "f", "{}")));

        // when
        int deleted =
                store.snapshots().delete(List.of(saved.get(0).id(), saved.get(2).id(), 999_999L));

        // then
        assertThat(deleted).isEqualTo(2);
        assertThat(store.snapshots().list((String) null)).containsExactly(saved.get(1));
        assertThat(store.snapshots().load(saved.get(0).id())).isEmpty();
        assertThat(store.snapshots().delete(List.of())).isZero();
        assertThat(store.snapshots().save(List.of())).isEmpty();
    }

    @Test
    void snapshots_are_seen_by_another_connection_once_saved() {
        // when
        store.snapshots().save(List.of(snapshot(O1, 1, "f", "{}")));

        // then
        assertThat(another(StoreOptions.Access.READ).snapshots().list(O1)).hasSize(1);
    }
}
