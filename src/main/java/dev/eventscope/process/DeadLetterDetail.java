package dev.eventscope.process;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.store.DeadLetter;
import java.util.List;

/**
 * One dead letter for {@code dlq show}: the letter, its event as the pipeline gives it now (after
 * upcasting; usually one event), and the letters parked behind it.
 */
public record DeadLetterDetail(DeadLetter letter, List<RecordedEvent> events, List<DeadLetter> behind) {

    public DeadLetterDetail {
        events = List.copyOf(events);
        behind = List.copyOf(behind);
    }
}
