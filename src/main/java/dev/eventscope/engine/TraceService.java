package dev.eventscope.engine;

import dev.eventscope.error.UsageException;
import dev.eventscope.pipeline.EventTransform;
import dev.eventscope.trace.CorrelationRanking;
import dev.eventscope.trace.Trace;
import dev.eventscope.trace.TraceOptions;
import dev.eventscope.trace.Tracer;

/**
 * Correlation and causation: the trace around one id ({@code trace ID}) and a ranking of every
 * correlation of the store ({@code trace --summary --all}). Reached through {@link
 * Engine#traces()}; one thread at a time, as its engine.
 */
public final class TraceService {

    private final Workspace workspace;

    TraceService(Workspace workspace) {
        this.workspace = workspace;
    }

    /**
     * A trace: from {@code id} (a position, an eventId, a correlationId or a command id), the
     * direction and limits, and whether events are shown as stored ({@code raw}) or as read.
     */
    public record TraceRequest(String id, TraceOptions options, boolean raw) {}

    /** The events that caused each other around the id, as a graph. */
    public Trace trace(TraceRequest request) {
        if (request.id() == null) {
            throw new UsageException("trace needs an ID", "pass an eventId, a position, a correlationId, or --all");
        }
        return Tracer.over(workspace.readStore(), request.raw() ? EventTransform.IDENTITY : workspace.transform())
                .trace(request.id(), request.options());
    }

    /** The {@code limit} slowest and deepest correlations of the whole store (one read of every event). */
    public CorrelationRanking rank(int limit) {
        return Tracer.over(workspace.readStore()).rank(limit);
    }
}
