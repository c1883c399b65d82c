package dev.eventscope.process;

import dev.eventscope.event.NewEvent;
import dev.eventscope.store.ReadModelTable;
import java.util.List;
import java.util.Map;

/**
 * What a handler's run on one unit does to the store: rows of a read model to write, events to
 * append. Written in the transaction that advances the checkpoint, so they take effect exactly once.
 */
record Effects(List<RowChange> rows, List<NewEvent> events) {

    static final Effects NONE = new Effects(List.of(), List.of());

    Effects {
        rows = List.copyOf(rows);
        events = List.copyOf(events);
    }

    /** A change to one row of a read model. */
    sealed interface RowChange permits Upsert, Delete {
        ReadModelTable table();
    }

    /** Insert the row, or set the columns it gives on the row with its key. */
    record Upsert(ReadModelTable table, Map<String, Object> row) implements RowChange {}

    /** Delete the row with this key. */
    record Delete(ReadModelTable table, Object key) implements RowChange {}
}
