package dev.eventscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventscope.event.JsonDoc;
import dev.eventscope.event.NewEvent;
import dev.eventscope.event.StreamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-over from the parsing thread: batches of the size the import session asked for. */
class ParsedBatchesTest {

    /** Records 1..count; every third one gives no event (as a blank line would). */
    private static ParsedBatches.Records records(int count) {
        return new ParsedBatches.Records() {
            private int n;

            @Override
            public boolean next() {
                return ++n <= count;
            }

            @Override
            public NewEvent event() {
                return n % 3 == 0
                        ? null
                        : new NewEvent(
                                UUID.randomUUID(),
                                "Happened",
                                new StreamId("Thing", "t-" + n),
                                1,
                                Instant.EPOCH,
                                JsonDoc.EMPTY_OBJECT,
                                JsonDoc.EMPTY_OBJECT,
                                null);
            }

            @Override
            public long number() {
                return n;
            }

            @Override
            public long progress() {
                return n;
            }
        };
    }

    @Test
    void events_come_in_batches_of_the_size_given_with_their_record_numbers_and_the_rest_last() throws Exception {
        // given: 16 records, of which 11 give events (3, 6, 9, 12, 15 give none)
        List<List<Long>> batches = new ArrayList<>();

        // when
        try (ParsedBatches parsed = new ParsedBatches(records(16), 4)) {
            ParsedBatches.Batch b;
            while ((b = parsed.next()) != null) {
                assertThat(b.events()).hasSameSizeAs(b.lines());
                batches.add(b.lines());
            }
        }

        // then
        assertThat(batches).containsExactly(List.of(1L, 2L, 4L, 5L), List.of(7L, 8L, 10L, 11L), List.of(13L, 14L, 16L));
    }
}
