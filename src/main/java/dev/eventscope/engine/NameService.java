package dev.eventscope.engine;

import dev.eventscope.event.Cut;
import dev.eventscope.saga.SagaQueries;
import dev.eventscope.saga.SagaView;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Names in the store and the model by prefix, for completion (the shell) and search: aggregate
 * ids, aggregate types, event types, command types, processors, sagas and saga instances. Reached
 * through {@link Engine#names()}; one thread at a time, as its engine.
 */
public final class NameService {

    private final Workspace workspace;

    /** The instance ids of one saga at one store head: worked out again only when the head moves. */
    private record Instances(String saga, long head, List<String> ids) {}

    private Instances instances;

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

    /** The model's command types starting with {@code prefix}, sorted, at most {@code limit}; none without a model that loads. */
    public List<String> commandTypes(String prefix, int limit) {
        if (!workspace.hasModel()) {
            return List.of();
        }
        try {
            return workspace.model().commands().keySet().stream()
                    .filter(t -> t.startsWith(prefix))
                    .sorted()
                    .limit(limit)
                    .toList();
        } catch (RuntimeException e) {
            // a model that does not load has nothing to offer
            return List.of();
        }
    }

    /**
     * The model's projections, handlers and sagas (what {@code process} runs) starting with {@code
     * prefix}, sorted, at most {@code limit}; none without a model that loads.
     */
    public List<String> processors(String prefix, int limit) {
        if (!workspace.hasModel()) {
            return List.of();
        }
        try {
            TreeSet<String> names = new TreeSet<>(workspace.model().processors().keySet());
            names.addAll(workspace.model().sagas().keySet());
            return names.stream().filter(n -> n.startsWith(prefix)).limit(limit).toList();
        } catch (RuntimeException e) {
            // a model that does not load has nothing to offer
            return List.of();
        }
    }

    /** The model's sagas starting with {@code prefix}, sorted, at most {@code limit}; none without a model that loads. */
    public List<String> sagas(String prefix, int limit) {
        if (!workspace.hasModel()) {
            return List.of();
        }
        try {
            return workspace.model().sagas().keySet().stream()
                    .filter(n -> n.startsWith(prefix))
                    .sorted()
                    .limit(limit)
                    .toList();
        } catch (RuntimeException e) {
            // a model that does not load has nothing to offer
            return List.of();
        }
    }

    /**
     * The ids of the instances of {@code saga} starting with {@code prefix}, sorted, at most {@code
     * limit}: the instances {@code saga list SAGA} lists at the store's head (worked out from the
     * events by the saga's rules, so instances that {@code process} has not reached yet are there
     * too). The ids are kept until the head moves. None for a saga the model does not have.
     */
    public List<String> sagaInstances(String saga, String prefix, int limit) {
        if (saga == null || !sagas(saga, Integer.MAX_VALUE).contains(saga)) {
            return List.of();
        }
        long head = workspace.readStore().head().position();
        if (instances == null || !instances.saga().equals(saga) || instances.head() != head) {
            List<String> ids = new SagaQueries(workspace.readStore(), workspace.eventSource(), workspace.model())
                            .list(new SagaQueries.ListRequest(List.of(saga), Cut.LATEST, null, null, null, null))
                            .instances()
                            .stream()
                            .map(SagaView::instanceId)
                            .sorted()
                            .toList();
            instances = new Instances(saga, head, ids);
        }
        return instances.ids().stream()
                .filter(id -> id.startsWith(prefix))
                .limit(limit)
                .toList();
    }
}
