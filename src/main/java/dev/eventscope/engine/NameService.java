package dev.eventscope.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Names in the store and the model by prefix, for completion (the shell) and search: aggregate
 * ids, aggregate types, event types. Reached through {@link Engine#names()}; one thread at a
 * time, as its engine.
 */
public final class NameService {

    private final Workspace workspace;

    NameService(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Aggregate ids starting with {@code prefix} (of {@code aggregateType} when given), at most {@code limit}. */
    public List<String> aggregateIds(String aggregateType, String prefix, int limit) {
        return workspace.names().aggregateIds(aggregateType, prefix, limit);
    }

    /**
     * Aggregate types starting with {@code prefix}: the store's and the model's (when one loads),
     * sorted, at most {@code limit}.
     */
    public List<String> aggregateTypes(String prefix, int limit) {
        TreeSet<String> types = new TreeSet<>(workspace.names().aggregateTypes(prefix, limit));
        if (workspace.hasModel()) {
            try {
                for (String t : workspace.model().aggregates().keySet()) {
                    if (t.startsWith(prefix)) {
                        types.add(t);
                    }
                }
            } catch (RuntimeException e) {
                // a model that does not load still leaves the store's types to offer
            }
        }
        List<String> list = new ArrayList<>(types);
        return list.subList(0, Math.min(limit, list.size()));
    }

    /** Event types starting with {@code prefix}, at most {@code limit}. */
    public List<String> eventTypes(String prefix, int limit) {
        return workspace.names().eventTypes(prefix, limit);
    }
}
