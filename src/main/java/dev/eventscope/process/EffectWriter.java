package dev.eventscope.process;

import dev.eventscope.store.ProcessingStore;

/** Writes a unit's effects inside the caller's transaction. */
final class EffectWriter {

    private EffectWriter() {}

    /** Writes {@code effects}; returns how many events were appended now. */
    static int write(ProcessingStore store, Effects effects) {
        for (Effects.RowChange change : effects.rows()) {
            if (change instanceof Effects.Upsert u) {
                store.readModels().upsert(u.table(), u.row());
            } else {
                Effects.Delete d = (Effects.Delete) change;
                store.readModels().delete(d.table(), d.key());
            }
        }
        if (effects.events().isEmpty()) {
            return 0;
        }
        // an idempotent reactor may emit events stored before: those are not counted as appended
        return store.appendInTransaction(effects.events()).size();
    }
}
