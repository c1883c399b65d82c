package dev.eventscope.replay;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * One change to a history for {@code evs whatif}. Events are named by their eventId. Inserted and
 * replacing events come from a file, or (the web console's form) from JSON text given with the
 * name to show for it in place of a file name.
 */
public sealed interface Edit permits Edit.Drop, Edit.Insert, Edit.Replace, Edit.Command {

    UUID target();

    /** Leave the event out. */
    record Drop(UUID target) implements Edit {
        public Drop {
            Objects.requireNonNull(target);
        }
    }

    /**
     * Insert the event(s) in {@code file} (one JSON object, or an array) right after
     * {@code target}. Inserted events take the position and stream version of the event they
     * follow, and its timestamp unless they give their own; aggregateType and aggregateId may be
     * left out.
     */
    record Insert(UUID target, Path file, String json) implements Edit {
        public Insert {
            Objects.requireNonNull(target);
            Objects.requireNonNull(file);
        }

        /** The events read from {@code file}. */
        public Insert(UUID target, Path file) {
            this(target, file, null);
        }
    }

    /**
     * Replace {@code target} by the event in {@code file}: its type, schema version, payload and
     * metadata, and its timestamp if it gives one; the eventId, position and version stay.
     */
    record Replace(UUID target, Path file, String json) implements Edit {
        public Replace {
            Objects.requireNonNull(target);
            Objects.requireNonNull(file);
        }

        /** The event read from {@code file}. */
        public Replace(UUID target, Path file) {
            this(target, file, null);
        }
    }

    /**
     * Decide the command in {@code file} (one command, in the {@code exec --file} shape) against the
     * hypothetical state right after {@code target} (and the events other edits insert after it),
     * and insert the events it decides there, as {@link Insert} would; a rejection inserts nothing.
     * Other aggregates it reads are read from the store as they were at {@code target}'s position.
     */
    record Command(UUID target, Path file) implements Edit {
        public Command {
            Objects.requireNonNull(target);
            Objects.requireNonNull(file);
        }
    }
}
