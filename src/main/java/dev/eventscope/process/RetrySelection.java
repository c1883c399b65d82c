package dev.eventscope.process;

import dev.eventscope.error.UsageException;

/**
 * Which dead letters {@code dlq retry} takes: one by id, all parked ones, or the parked ones of a
 * handler and/or event type. Each letter brings the whole parked sequence of its aggregate along
 * (for handlers with aggregate sequencing), retried in order.
 */
public record RetrySelection(Long id, boolean all, String handler, String eventType) {

    public RetrySelection {
        int ways = (id != null ? 1 : 0) + (all ? 1 : 0) + (handler != null || eventType != null ? 1 : 0);
        if (ways != 1) {
            throw new UsageException(
                    "say which dead letters to retry: an ID, --all, or --handler and/or --type (one of these)",
                    "evs dlq retry 12, evs dlq retry --all, evs dlq retry --handler notify");
        }
    }
}
