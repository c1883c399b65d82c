package dev.eventscope.upcast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.model.Model;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.StoreOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpcastCheckTest {

    @TempDir
    Path dir;

    private CheckReport check(String model, int shown) {
        Path db = dir.resolve("events.db");
        if (!db.toFile().exists()) {
            UpcastStores.fill(db);
        }
        Model m = UpcastStores.model(model);
        try (EventStore store = UpcastStores.open(db, StoreOptions.Access.READ)) {
            return new UpcastCheck(store, m.upcasters(), m.validator()).run(shown, Progress.NONE);
        }
    }

    @Test
    void when_every_event_upcasts_and_validates_the_report_counts_each_stored_type_by_version() {
        // when
        CheckReport r = check(UpcastStores.MODEL, 20);

        // then
        assertThat(r.ok()).isTrue();
        assertThat(r.events()).isEqualTo(6);
        assertThat(r.types())
                .extracting(
                        CheckReport.TypeReport::eventType,
                        t -> Map.copyOf(t.storedVersions()),
                        CheckReport.TypeReport::latestVersion,
                        CheckReport.TypeReport::upcast,
                        CheckReport.TypeReport::validated)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Deposited", Map.of(1, 2L, 2, 1L), 2, 2L, 3L),
                        org.assertj.core.groups.Tuple.tuple("DepositedWithFee", Map.of(1, 1L), 2, 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("Noise", Map.of(1, 1L), 2, 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple("Opened", Map.of(1, 1L), null, 0L, 0L));
    }

    @Test
    void a_broken_upcaster_and_a_schema_violation_are_failures_with_position_upcaster_and_error() {
        // given: the rename of amt is lost, so upcast Deposited events miss their amount
        String broken = UpcastStores.MODEL
                .replace("{\"amount\": .payload.amt}", "{\"sum\": .payload.amt}")
                .replace(
                        "transform: '[]'",
                        "transform: '{\"eventId\": if (.aggregateId == \"a-1\") \"x\" else" + " .eventId}'");

        // when
        CheckReport r = check(broken, 2);

        // then
        assertThat(r.ok()).isFalse();
        assertThat(r.failed()).isEqualTo(3);
        assertThat(r.failures()).hasSize(2);
        CheckReport.Failure first = r.failures().get(0);
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.upcaster()).isEqualTo("Deposited v1->v2");
        assertThat(first.at()).isNull();
        assertThat(first.error())
                .startsWith("does not match the schema Deposited v2 (m.yaml:")
                .endsWith("$.payload: required property 'amount' not found");
        CheckReport.Failure second = r.failures().get(1);
        assertThat(second.position()).isEqualTo(4);
        assertThat(second.upcaster()).isEqualTo("Noise v1->v2");
        assertThat(second.at()).isEqualTo("m.yaml:8:5");
        assertThat(second.error()).startsWith("changes eventId from");
        assertThat(r.types())
                .filteredOn(t -> t.eventType().equals("Deposited"))
                .singleElement()
                .satisfies(t -> assertThat(t.failed()).isEqualTo(2));
    }

    @Test
    void an_event_left_below_the_latest_version_of_its_type_fails() {
        // given: the model knows Opened only at v2 (its schema), and has no step from the stored v1
        String model = "schemas:\n  Opened:\n    2: {type: object}\n";

        // when
        CheckReport r = check(model, 20);

        // then
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.failures().get(0).error())
                .isEqualTo("Opened v1 has no upcaster to take it to the latest version v2");
    }
}
