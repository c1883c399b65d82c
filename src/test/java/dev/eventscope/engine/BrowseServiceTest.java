package dev.eventscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Json;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.StreamSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowseServiceTest {

    static final String MODEL = String.join(
            "\n",
            "aggregates:",
            "  Order:",
            "    initial: {status: NEW, items: 0}",
            "    reducers:",
            "      OrderPlaced: '$state | {\"status\": \"PLACED\", * : .}'",
            "      ItemAdded: '$state | {\"items\": .items + 1, * : .}'",
            "      OrderShipped: '$state | {\"status\": \"SHIPPED\", * : .}'",
            "");

    static final String PLACED = "00000000-0000-4000-8000-000000000001";

    @TempDir
    Path dir;

    TestStore store;

    @BeforeEach
    void five_events_in_three_streams() {
        store = TestStore.in(dir, MODEL)
                .append(
                        event(PLACED, "OrderPlaced", "Order", "o-1", "2024-01-01T10:00:00Z", "req-1", "cmd-1"),
                        event(null, "ItemAdded", "Order", "o-1", "2024-01-01T10:01:00Z", "req-1", PLACED),
                        event(null, "CustomerRegistered", "Customer", "c-1", "2024-01-01T10:02:00Z", null, null),
                        event(null, "ItemAdded", "Order", "o-1", "2024-01-01T10:03:00Z", "req-1", PLACED),
                        event(null, "OrderShipped", "Order", "o-1", "2024-01-02T10:00:00Z", "req-1", null),
                        event(null, "OrderPlaced", "Order", "o-2", "2024-01-03T10:00:00Z", null, null));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static String event(String id, String type, String aggType, String aggId, String at, String corr, String cause) {
        var o = Json.object();
        if (id != null) {
            o.put("eventId", id);
        }
        o.put("eventType", type)
                .put("aggregateType", aggType)
                .put("aggregateId", aggId)
                .put("timestamp", at);
        o.putObject("payload");
        var m = o.putObject("metadata");
        if (corr != null) {
            m.put("correlationId", corr);
        }
        if (cause != null) {
            m.put("causationId", cause);
        }
        return Json.write(o);
    }

    private BrowseService browse() {
        return store.engine().browse();
    }

    @Nested
    class when_reading_a_stream_s_history {

        @Test
        void each_event_has_the_state_after_it_and_the_patch_from_the_state_before() {
            var h = browse().history(new BrowseService.HistoryOptions("o-1", null, null, 1, 50));

            assertThat(h.stream()).isEqualTo(StreamId.of("Order", "o-1"));
            assertThat(h.folded()).isTrue();
            assertThat(h.version()).isEqualTo(4);
            assertThat(h.next()).isZero();
            assertThat(h.steps())
                    .extracting(s -> s.event().eventType())
                    .containsExactly("OrderPlaced", "ItemAdded", "ItemAdded", "OrderShipped");
            assertThat(Json.write(h.initial())).isEqualTo("{\"status\":\"NEW\",\"items\":0}");
            var placed = h.steps().get(0);
            assertThat(Json.write(placed.before())).isEqualTo("{\"status\":\"NEW\",\"items\":0}");
            assertThat(Json.write(placed.state())).isEqualTo("{\"status\":\"PLACED\",\"items\":0}");
            assertThat(Json.write(placed.patch()))
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"PLACED\"}]");
            assertThat(Json.write(h.steps().get(2).patch()))
                    .isEqualTo("[{\"op\":\"replace\",\"path\":\"/items\",\"value\":2}]");
        }

        @Test
        void a_page_starts_at_a_version_and_says_where_the_next_one_starts() {
            var first = browse().history(new BrowseService.HistoryOptions("o-1", "Order", null, 1, 2));
            var second = browse().history(new BrowseService.HistoryOptions("o-1", "Order", null, first.next(), 2));

            assertThat(first.steps()).extracting(s -> s.event().streamVersion()).containsExactly(1L, 2L);
            assertThat(first.next()).isEqualTo(3);
            assertThat(second.steps())
                    .extracting(s -> s.event().streamVersion())
                    .containsExactly(3L, 4L);
            assertThat(Json.write(second.steps().get(0).before())).isEqualTo("{\"status\":\"PLACED\",\"items\":1}");
            assertThat(second.next()).isZero();
        }

        @Test
        void only_events_inside_the_cut_count() {
            var atTime = browse().history(new BrowseService.HistoryOptions(
                    "o-1", null, new CutSpec("2024-01-01T10:02:00Z", null, null, null), 1, 50));
            var atVersion = browse().history(
                            new BrowseService.HistoryOptions("o-1", null, new CutSpec(null, null, 3L, null), 1, 50));

            assertThat(atTime.steps()).hasSize(2);
            assertThat(atTime.cut().upTo()).isEqualTo(6);
            assertThat(atVersion.steps()).hasSize(3);
        }

        @Test
        void a_page_inside_a_version_cut_reads_up_to_its_next_event_and_goes_on_from_it() {
            var first = browse().history(
                            new BrowseService.HistoryOptions("o-1", null, new CutSpec(null, null, 3L, null), 1, 1));
            var second = browse().history(new BrowseService.HistoryOptions(
                    "o-1", null, new CutSpec(null, null, 3L, null), first.next(), 2));

            assertThat(first.steps()).extracting(s -> s.event().streamVersion()).containsExactly(1L);
            assertThat(first.next()).isEqualTo(2);
            assertThat(second.steps())
                    .extracting(s -> s.event().streamVersion())
                    .containsExactly(2L, 3L);
            assertThat(Json.write(second.steps().get(1).state())).isEqualTo("{\"status\":\"PLACED\",\"items\":2}");
            assertThat(second.next()).isZero();
        }

        @Test
        void a_version_cut_past_the_end_is_still_not_found_when_the_page_reaches_the_end() {
            assertThatThrownBy(() -> browse().history(new BrowseService.HistoryOptions(
                            "o-1", null, new CutSpec(null, null, 9L, null), 1, 50)))
                    .isInstanceOf(dev.eventscope.error.NotFoundException.class);
        }

        @Test
        void a_stream_whose_type_the_model_does_not_know_has_events_without_states() {
            var h = browse().history(new BrowseService.HistoryOptions("c-1", null, null, 1, 50));

            assertThat(h.folded()).isFalse();
            assertThat(h.steps()).singleElement().satisfies(s -> {
                assertThat(s.event().eventType()).isEqualTo("CustomerRegistered");
                assertThat(s.state()).isNull();
                assertThat(s.patch()).isNull();
            });
        }

        @Test
        void without_a_model_the_events_are_paged_alone() {
            Path bareDir = dir.resolve("bare");
            assertThat(bareDir.toFile().mkdir()).isTrue();
            try (TestStore bare = TestStore.in(bareDir, null)) {
                bare.append(
                        event(null, "A", "T", "x", "2024-01-01T00:00:00Z", null, null),
                        event(null, "B", "T", "x", "2024-01-02T00:00:00Z", null, null),
                        event(null, "C", "T", "x", "2024-01-03T00:00:00Z", null, null));

                var h = bare.engine().browse().history(new BrowseService.HistoryOptions("x", null, null, 2, 1));

                assertThat(h.folded()).isFalse();
                assertThat(h.steps()).extracting(s -> s.event().eventType()).containsExactly("B");
                assertThat(h.next()).isEqualTo(3);
            }
        }

        @Test
        void an_unknown_stream_is_not_found() {
            assertThatThrownBy(() -> browse().history(new BrowseService.HistoryOptions("nope", null, null, 1, 50)))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("no aggregate with id nope in the store");
        }
    }

    @Nested
    class when_upcasters_drop_events_of_a_long_stream {

        @TempDir
        Path other;

        @Test
        void a_page_reads_on_past_the_dropped_events_and_says_where_the_next_one_starts() {
            // given: a stream of 12 events whose versions 2 to 7 are dropped by an upcaster
            String model = MODEL + "upcasters:\n  - {type: Noise, from: 1, to: 2, transform: '[]'}\n";
            List<String> events = new ArrayList<>();
            events.add(event(null, "OrderPlaced", "Order", "o-9", "2024-01-01T10:00:00Z", null, null));
            for (int i = 0; i < 6; i++) {
                events.add(event(null, "Noise", "Order", "o-9", "2024-01-01T10:0" + (i + 1) + ":00Z", null, null));
            }
            for (int i = 0; i < 5; i++) {
                events.add(event(null, "ItemAdded", "Order", "o-9", "2024-01-01T11:0" + i + ":00Z", null, null));
            }
            try (TestStore s = TestStore.in(other, model).append(events.toArray(String[]::new))) {
                // when: a page of 3 from the first version, whose bound (4 stored events) holds 1 kept event
                var first = s.engine().browse().history(new BrowseService.HistoryOptions("o-9", null, null, 1, 3));
                var rest = s.engine()
                        .browse()
                        .history(new BrowseService.HistoryOptions("o-9", null, null, first.next(), 50));

                // then: the page is full, says where the next starts, and the rest follows from there
                assertThat(first.steps())
                        .extracting(st -> st.event().streamVersion())
                        .containsExactly(1L, 8L, 9L);
                assertThat(first.next()).isEqualTo(10);
                assertThat(rest.steps())
                        .extracting(st -> st.event().streamVersion())
                        .containsExactly(10L, 11L, 12L);
                assertThat(rest.next()).isZero();
                assertThat(Json.write(rest.steps().get(2).state())).isEqualTo("{\"status\":\"PLACED\",\"items\":5}");
            }
        }
    }

    @Nested
    class when_paging_streams {

        @Test
        void pages_continue_after_the_last_stream_of_the_page_before() {
            List<StreamId> seen = new ArrayList<>();
            StreamId after = null;
            int pages = 0;
            do {
                var page = browse().streams(new BrowseService.StreamsPageOptions(null, null, after, 2));
                page.streams().stream().map(StreamSummary::stream).forEach(seen::add);
                after = page.next();
                pages++;
            } while (after != null);

            assertThat(seen)
                    .containsExactly(
                            StreamId.of("Customer", "c-1"), StreamId.of("Order", "o-1"), StreamId.of("Order", "o-2"));
            assertThat(pages).isEqualTo(2);
        }

        @Test
        void a_page_that_ends_the_list_has_no_next_key() {
            var page = browse().streams(new BrowseService.StreamsPageOptions("Order", "o-", null, 2));

            assertThat(page.streams()).hasSize(2);
            assertThat(page.next()).isNull();
        }

        @Test
        void a_page_holds_1_to_1000_rows() {
            assertThatThrownBy(() -> new BrowseService.StreamsPageOptions(null, null, null, 0))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("a page holds 1 to 1000 rows, got 0");
            assertThatThrownBy(() -> new BrowseService.HistoryOptions("o-1", null, null, 1, 1001))
                    .isInstanceOf(UsageException.class);
        }
    }

    @Nested
    class when_viewing_an_event {

        @Test
        void it_has_its_cause_its_effects_and_the_size_of_its_correlation() {
            var item = browse().event("2", 10);

            assertThat(item.stored().eventType()).isEqualTo("ItemAdded");
            assertThat(item.cause().causationId()).isEqualTo(PLACED);
            assertThat(item.cause().event().position()).isEqualTo(1);
            assertThat(item.correlated()).isEqualTo(4);

            var placed = browse().event(PLACED, 10);
            assertThat(placed.cause().event()).isNull();
            assertThat(placed.cause().causationId()).isEqualTo("cmd-1");
            assertThat(placed.effects()).extracting(e -> e.position()).containsExactly(2L, 4L);
            assertThat(placed.moreEffects()).isFalse();
        }

        @Test
        void effects_past_the_limit_are_cut_and_said_to_be_more() {
            var placed = browse().event("1", 1);

            assertThat(placed.effects()).extracting(e -> e.position()).containsExactly(2L);
            assertThat(placed.moreEffects()).isTrue();
            assertThat(placed.correlated()).isEqualTo(2);
        }

        @Test
        void an_event_without_links_has_no_cause_and_no_correlation() {
            var registered = browse().event("3", 10);

            assertThat(registered.cause()).isNull();
            assertThat(registered.correlated()).isNull();
            assertThat(registered.effects()).isEmpty();
        }
    }
}
