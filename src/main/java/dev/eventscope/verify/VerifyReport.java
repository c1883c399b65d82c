package dev.eventscope.verify;

import dev.eventscope.store.StoreHead;
import java.util.List;

/**
 * What {@code verify} found: the problems (empty when the store is sound), how many events were
 * checked, the head, and the first position whose event or chain link is wrong (0 when none).
 */
public record VerifyReport(
        List<String> problems, long eventsChecked, StoreHead head, long firstBadPosition, boolean headPinned) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
