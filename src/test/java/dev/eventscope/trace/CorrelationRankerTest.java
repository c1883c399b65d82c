package dev.eventscope.trace;

import static dev.eventscope.trace.TraceStore.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.StreamId;
import dev.eventscope.store.EventLink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrelationRankerTest {

    static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");

    /** Links of one correlation: a chain of {@code depth} events {@code secondsApart} apart. */
    static List<EventLink> chain(String correlation, int firstId, int depth, long secondsApart) {
        List<EventLink> links = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            int n = firstId + i;
            links.add(new EventLink(
                    n,
                    UUID.fromString(id(n)),
                    correlation,
                    i == 0 ? "cmd" : id(n - 1),
                    new StreamId("Order", correlation),
                    "user-" + (i % 2),
                    T0.plusSeconds(i * secondsApart)));
        }
        return links;
    }

    /** An iterator that can be walked once and counts what it hands out. */
    static final class Once implements Iterator<EventLink> {
        private final Iterator<EventLink> it;
        int handedOut;

        Once(List<EventLink> links) {
            this.it = links.iterator();
        }

        @Override
        public boolean hasNext() {
            return it.hasNext();
        }

        @Override
        public EventLink next() {
            if (!it.hasNext()) {
                throw new NoSuchElementException();
            }
            handedOut++;
            return it.next();
        }
    }

    @Nested
    class when_ranking_correlations {

        @Test
        void the_slowest_are_ranked_by_span_and_the_deepest_by_depth_in_one_pass() {
            // given: a: depth 2 over 1000 s; b: depth 5 over 40 s; c: depth 3 over 300 s
            List<EventLink> all = new ArrayList<>();
            all.addAll(chain("a", 100, 2, 1000));
            all.addAll(chain("b", 200, 5, 10));
            all.addAll(chain("c", 300, 3, 150));
            Once links = new Once(all);
            // when
            CorrelationRanking r = CorrelationRanker.rank(links, 2);
            // then
            assertThat(links.handedOut).isEqualTo(10);
            assertThat(r.events()).isEqualTo(10);
            assertThat(r.correlations()).isEqualTo(3);
            assertThat(r.slowest()).extracting(CorrelationStats::correlationId).containsExactly("a", "c");
            assertThat(r.deepest()).extracting(CorrelationStats::correlationId).containsExactly("b", "c");
            CorrelationStats b = r.deepest().get(0);
            assertThat(b.depth()).isEqualTo(5);
            assertThat(b.span()).isEqualTo(Duration.ofSeconds(40));
            assertThat(b.users()).isEqualTo(2);
            assertThat(b.roots()).isEqualTo(1);
        }

        @Test
        void ties_are_broken_by_the_other_figure_then_by_correlation_id() {
            // given
            List<EventLink> all = new ArrayList<>();
            all.addAll(chain("x", 100, 3, 10));
            all.addAll(chain("w", 200, 3, 10));
            all.addAll(chain("v", 300, 2, 20));
            // when
            CorrelationRanking r = CorrelationRanker.rank(all.iterator(), 3);
            // then: all span 20 s; depth decides, then the id
            assertThat(r.slowest()).extracting(CorrelationStats::correlationId).containsExactly("w", "x", "v");
            assertThat(r.deepest()).extracting(CorrelationStats::correlationId).containsExactly("w", "x", "v");
        }

        @Test
        void a_causation_cycle_inside_a_correlation_ends_and_is_counted_as_unreachable() {
            // given: 1 <- 2 <- 3 <- 2 (2 and 3 cause each other), 4 caused by 3
            List<EventLink> links =
                    List.of(link(1, "cmd"), link(2, id(3)), link(3, id(2)), link(4, id(3)), link(5, id(1)));
            // when
            CorrelationStats s = CorrelationRanker.stats(links);
            // then
            assertThat(s.unreachable()).isEqualTo(3);
            assertThat(s.depth()).isEqualTo(2);
            assertThat(s.roots()).isEqualTo(1);
        }

        static EventLink link(int n, String cause) {
            return new EventLink(n, UUID.fromString(id(n)), "c", cause, new StreamId("T", "t"), null, T0);
        }
    }

    @Nested
    class when_ranking_a_store {

        @TempDir
        Path dir;

        @Test
        void every_correlation_is_read_and_events_without_one_are_left_out() {
            // given
            try (TraceStore s = TraceStore.create(dir)) {
                s.event(1, "A").correlation("req-1").causedBy("cmd").at(0).add();
                s.event(2, "B").correlation("req-2").causedBy("cmd").at(1).add();
                s.event(3, "C").correlation("req-1").causedBy(1).at(500).add();
                s.event(4, "D").correlation(null).causedBy("cmd").at(9_999).add();
                // when
                CorrelationRanking r = s.tracer().rank(10);
                // then
                assertThat(r.events()).isEqualTo(3);
                assertThat(r.correlations()).isEqualTo(2);
                assertThat(r.slowest())
                        .extracting(CorrelationStats::correlationId)
                        .containsExactly("req-1", "req-2");
                assertThat(r.slowest().get(0).span()).isEqualTo(Duration.ofSeconds(500));
                assertThat(r.slowest().get(0).depth()).isEqualTo(2);
            }
        }
    }
}
