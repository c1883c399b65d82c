package dev.eventscope.store;

/**
 * What one import batch did. When {@code conflict} is present the batch wrote nothing, and
 * {@code conflictIndex} is the index of the offending event in the batch.
 */
public record ImportBatchResult(int imported, int skipped, String conflict, int conflictIndex) {

    public static ImportBatchResult done(int imported, int skipped) {
        return new ImportBatchResult(imported, skipped, null, -1);
    }

    public static ImportBatchResult conflict(int index, String message) {
        return new ImportBatchResult(0, 0, message, index);
    }

    public boolean hasConflict() {
        return conflict != null;
    }
}
