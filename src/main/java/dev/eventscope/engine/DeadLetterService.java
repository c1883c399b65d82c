package dev.eventscope.engine;

import dev.eventscope.error.UsageException;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.process.DeadLetterDetail;
import dev.eventscope.process.DeadLetterQueue;
import dev.eventscope.process.RetryReport;
import dev.eventscope.process.RetrySelection;
import dev.eventscope.store.DeadLetter;
import dev.eventscope.store.DeadLetterQuery;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The dead-letter queue: {@code dlq list}, {@code show}, {@code retry} and {@code skip}. A retry
 * re-reads each event through the pipeline as it is now and runs the handler as the model defines
 * it now. Listing and skipping need no model. Reached through {@link Engine#deadLetters()}; one
 * thread at a time, as its engine.
 */
public final class DeadLetterService {

    private final Workspace workspace;

    DeadLetterService(Workspace workspace) {
        this.workspace = workspace;
    }

    private DeadLetterQueue queue(boolean write) {
        var store = write ? workspace.writeStore() : workspace.readStore();
        return new DeadLetterQueue(store, workspace::eventSource, workspace::model, workspace::handlerPlugins);
    }

    /**
     * Which letters to list: of a handler, of an event type, with a status ({@code parked},
     * {@code resolved} or {@code skipped}), at most {@code limit}; nulls do not filter.
     */
    public record ListOptions(String handler, String type, String status, Integer limit) {
        public ListOptions {
            if (status != null) {
                try {
                    DeadLetter.Status.parse(status);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--status: " + e.getMessage());
                }
            }
            if (limit != null && limit < 0) {
                throw new UsageException("--limit must be 0 or more, got " + limit);
            }
        }
    }

    /** The letters, in event order. */
    public List<DeadLetter> list(ListOptions o) {
        DeadLetter.Status status = o.status() == null ? null : DeadLetter.Status.parse(o.status());
        return queue(false).list(new DeadLetterQuery(o.handler(), o.type(), status, null, o.limit()));
    }

    /** One letter, its event as the pipeline gives it now, and the letters parked behind it. */
    public DeadLetterDetail show(long id) {
        return queue(false).show(id);
    }

    /**
     * A retry: which parked letters ({@code selection}), only listing them in order ({@code
     * dryRun}), when to stop (between letters), and where progress goes.
     */
    public record RetryOptions(RetrySelection selection, boolean dryRun, BooleanSupplier stop, Progress progress) {
        public RetryOptions {
            stop = stop == null ? () -> false : stop;
            progress = progress == null ? Progress.NONE : progress;
        }
    }

    /** Retries the selected letters, each aggregate's as a sequence in order; what each did. */
    public RetryReport retry(RetryOptions o) {
        return queue(!o.dryRun()).retry(o.selection(), o.dryRun(), o.progress(), o.stop());
    }

    /** Resolves a parked letter without processing its event, keeping {@code reason}. */
    public DeadLetter skip(long id, String reason) {
        return queue(true).skip(id, reason);
    }
}
