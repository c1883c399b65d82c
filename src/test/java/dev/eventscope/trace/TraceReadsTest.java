package dev.eventscope.trace;

import static dev.eventscope.trace.TraceStore.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.RecordedEvent;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace reads the events of that trace, and not the rest of the store. */
class TraceReadsTest {

    static final int UNRELATED_CORRELATIONS = 400;
    static final int CHAIN = 6;

    @TempDir
    Path dir;

    TraceStore s;
    CountingReads reads;

    @BeforeEach
    void open() {
        s = TraceStore.create(dir);
        // 2,400 unrelated events in chains of six, interleaved with the one traced
        int n = 1_000;
        for (int c = 0; c < UNRELATED_CORRELATIONS; c++) {
            for (int i = 0; i < CHAIN; i++) {
                n++;
                s.event(n, "Noise")
                        .correlation("noise-" + c)
                        .causedBy(i == 0 ? "cmd-noise" : id(n - 1))
                        .add();
            }
            if (c % 100 == 0) {
                int k = c / 100 + 1;
                s.event(k, "Step")
                        .correlation("traced")
                        .causedBy(k == 1 ? "cmd-traced" : id(k - 1))
                        .add();
            }
        }
        s.flush();
        reads = new CountingReads(s.store);
    }

    @AfterEach
    void close() {
        s.close();
    }

    Set<UUID> traced() {
        Set<UUID> ids = new HashSet<>();
        for (int k = 1; k <= 4; k++) {
            ids.add(TraceStore.uuid(k));
        }
        return ids;
    }

    @Nested
    class when_tracing_in_a_store_full_of_unrelated_events {

        @Test
        void a_correlation_trace_reads_only_events_of_that_correlation() {
            // when
            Trace t = reads.tracer().trace("traced", TraceOptions.DEFAULT);
            // then
            assertThat(t.events().keySet()).isEqualTo(traced());
            assertThat(reads.read).extracting(RecordedEvent::correlationId).containsOnly("traced");
            // the correlation (read once, to resolve the id) and nothing else
            assertThat(reads.read).hasSize(4);
            assertThat(reads.queries).isEqualTo(2);
        }

        @Test
        void a_trace_up_from_an_event_reads_exactly_its_causation_chain() {
            // when
            Trace t = reads.tracer().trace(id(4), TraceOptions.DEFAULT.withDirection(true, false));
            // then
            assertThat(t.events().keySet()).isEqualTo(traced());
            assertThat(reads.read).extracting(RecordedEvent::eventId).containsExactlyInAnyOrderElementsOf(traced());
            assertThat(reads.queries).isEqualTo(4);
        }

        @Test
        void a_trace_down_reads_one_generation_per_query() {
            // when
            Trace t = reads.tracer().trace(id(2), TraceOptions.DEFAULT.withDirection(false, true));
            // then
            assertThat(t.events()).hasSize(3);
            assertThat(reads.read).extracting(RecordedEvent::correlationId).containsOnly("traced");
            // entry, three generations below it (the last one empty), the entry's cause
            assertThat(reads.queries).isEqualTo(1 + 3 + 1);
        }
    }
}
