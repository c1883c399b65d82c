package dev.eventscope.verify;

import static dev.eventscope.store.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.UsageException;
import dev.eventscope.event.ExpectedVersion;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.HashChain;
import dev.eventscope.store.StoreHead;
import dev.eventscope.store.StoreLocator;
import dev.eventscope.store.StoreOptions;
import dev.eventscope.store.sqlite.SqliteEventStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreVerifierTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("events.db");
    }

    private EventStore open() {
        return SqliteEventStore.open(new StoreOptions(
                StoreLocator.file(file()), StoreOptions.Access.WRITE, StoreOptions.DEFAULT_BUSY_TIMEOUT));
    }

    private StoreHead storeWith(int events) {
        try (EventStore store = open()) {
            for (int i = 1; i <= events; i++) {
                store.append(
                        List.of(event("E" + i)
                                .payload("{\"n\":" + i + "}")
                                .metadata("{\"correlationId\":\"c-" + i + "\"}")
                                .build()),
                        ExpectedVersion.ANY);
            }
            return store.head();
        }
    }

    private VerifyReport verify(StoreVerifier.Pin pin) {
        try (EventStore store = open()) {
            return new StoreVerifier(store).verify(false, pin);
        }
    }

    /** Runs SQL on the file as someone with the sqlite3 CLI would, triggers dropped first. */
    private void tamper(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS events_no_update");
            st.execute("DROP TRIGGER IF EXISTS events_no_delete");
            for (String sql : statements) {
                st.execute(sql);
            }
            // put the triggers back, so only the event changes show
            st.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events\nBEGIN\n"
                    + "    SELECT RAISE(ABORT, 'events are immutable: UPDATE is refused');\nEND");
            st.execute("CREATE TRIGGER events_no_delete BEFORE DELETE ON events\nBEGIN\n"
                    + "    SELECT RAISE(ABORT, 'events are immutable: DELETE is refused');\nEND");
        }
    }

    @Nested
    class when_the_store_is_sound {

        @Test
        void every_event_is_checked_and_nothing_is_reported() {
            // given
            StoreHead head = storeWith(4);

            // when
            VerifyReport report = verify(null);

            // then
            assertThat(report.ok()).isTrue();
            assertThat(report.problems()).isEmpty();
            assertThat(report.eventsChecked()).isEqualTo(4);
            assertThat(report.head()).isEqualTo(head);
            assertThat(report.firstBadPosition()).isZero();
        }

        @Test
        void an_empty_store_is_sound() {
            storeWith(0);
            VerifyReport report = verify(null);
            assertThat(report.ok()).isTrue();
            assertThat(report.eventsChecked()).isZero();
        }

        @Test
        void a_pinned_head_that_is_still_in_the_chain_is_found() {
            // given
            StoreHead pinned = storeWith(3);
            try (EventStore store = open()) {
                store.append(List.of(event("Later").build()), ExpectedVersion.ANY);
            }

            // when
            VerifyReport report = verify(StoreVerifier.Pin.parse(pinned.position() + ":" + pinned.hash()));

            // then
            assertThat(report.ok()).isTrue();
            assertThat(report.headPinned()).isTrue();
        }
    }

    @Nested
    class when_rows_were_changed_behind_the_tools_back {

        @Test
        void a_changed_payload_is_reported_at_its_position() throws SQLException {
            // given
            storeWith(4);
            tamper("UPDATE events SET payload = '{\"n\":99}' WHERE position = 2");

            // when
            VerifyReport report = verify(null);

            // then
            assertThat(report.ok()).isFalse();
            assertThat(report.firstBadPosition()).isEqualTo(2);
            assertThat(report.problems())
                    .containsExactly("position 2: the event does not match its hash (it, or the link to the event"
                            + " before it, was changed)");
        }

        @Test
        void a_removed_row_is_reported_at_the_next_position() throws SQLException {
            storeWith(4);
            tamper("DELETE FROM events WHERE position = 2");

            VerifyReport report = verify(null);

            assertThat(report.firstBadPosition()).isEqualTo(3);
            assertThat(report.problems()).hasSize(1).first().asString().startsWith("position 3:");
        }

        @Test
        void a_removed_tail_is_reported_from_the_position_sequence() throws SQLException {
            storeWith(4);
            tamper("DELETE FROM events WHERE position >= 3");

            VerifyReport report = verify(null);

            assertThat(report.firstBadPosition()).isEqualTo(3);
            assertThat(report.problems())
                    .containsExactly("events after position 2 are missing: positions up to 4 were assigned (the tail"
                            + " was removed)");
        }

        @Test
        void a_changed_trigger_is_a_schema_problem() throws SQLException {
            storeWith(1);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                    Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER events_no_delete");
            }

            VerifyReport report = verify(null);

            assertThat(report.problems()).containsExactly("schema: missing trigger events_no_delete");
            assertThat(report.firstBadPosition()).isZero();
        }

        @Test
        void an_index_column_that_disagrees_with_the_metadata_is_reported_even_with_a_matching_hash()
                throws SQLException {
            // given: correlation_id changed and the whole chain recomputed to match
            storeWith(3);
            tamper("UPDATE events SET correlation_id = 'forged' WHERE position = 2");
            rehashFrom(2);

            // when
            VerifyReport report = verify(null);

            // then
            assertThat(report.problems())
                    .containsExactly("position 2: indexed metadata columns disagree with the metadata");
        }

        @Test
        void a_rewrite_that_recomputes_the_chain_is_only_caught_against_a_pinned_head() throws SQLException {
            // given
            StoreHead pinned = storeWith(3);
            tamper("UPDATE events SET payload = '{\"n\":1000}' WHERE position = 2");
            rehashFrom(2);
            StoreVerifier.Pin pin = StoreVerifier.Pin.parse(pinned.position() + ":" + pinned.hash());

            // when
            VerifyReport unpinned = verify(null);
            VerifyReport withPin = verify(pin);

            // then
            assertThat(unpinned.ok()).isTrue();
            assertThat(withPin.ok()).isFalse();
            assertThat(withPin.problems())
                    .containsExactly("the pinned head " + pinned.position() + ":" + pinned.hash()
                            + " is not in the chain: events up to it were changed or removed, or this is another"
                            + " store");
        }

        /** Recomputes every hash from {@code position} on, as a careful forger would. */
        private void rehashFrom(long position) throws SQLException {
            List<RecordedEvent> events;
            try (EventStore store = open();
                    Stream<RecordedEvent> s = store.read(EventQuery.ALL)) {
                events = s.toList();
            }
            HashChain chain = new HashChain();
            String previous = "";
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
                    Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER events_no_update");
                try (PreparedStatement update = c.prepareStatement("UPDATE events SET hash = ? WHERE position = ?")) {
                    for (RecordedEvent e : events) {
                        String hash = e.position() < position ? e.hash() : chain.hash(previous, e);
                        update.setString(1, hash);
                        update.setLong(2, e.position());
                        update.executeUpdate();
                        previous = hash;
                    }
                }
                st.execute("CREATE TRIGGER events_no_update BEFORE UPDATE ON events\nBEGIN\n"
                        + "    SELECT RAISE(ABORT, 'events are immutable: UPDATE is refused');\nEND");
            }
        }
    }

    @Nested
    class when_parsing_a_pinned_head {

        @Test
        void a_hash_alone_or_with_its_position_is_accepted_in_any_case() {
            String hash = "AB".repeat(32);
            assertThat(StoreVerifier.Pin.parse(hash)).isEqualTo(new StoreVerifier.Pin(null, "ab".repeat(32)));
            assertThat(StoreVerifier.Pin.parse("12:" + hash)).isEqualTo(new StoreVerifier.Pin(12L, "ab".repeat(32)));
            assertThat(StoreVerifier.Pin.parse("12@" + hash)).isEqualTo(new StoreVerifier.Pin(12L, "ab".repeat(32)));
        }

        @Test
        void anything_else_is_a_usage_error() {
            assertThatThrownBy(() -> StoreVerifier.Pin.parse("12:abc"))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("--expect-head '12:abc' is not a 64-digit hash, optionally preceded by POSITION:");
        }
    }
}
