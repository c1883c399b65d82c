package dev.eventscope.pipeline;

import dev.eventscope.event.RecordedEvent;
import java.util.List;

/**
 * What happens to each stored event between the store and its consumer: the upcaster chain. An
 * event may become another event (a newer schema version) or several, or none.
 *
 * <p>The model supplies the transform; {@link EventSource} applies it, in that one place, for
 * every reader (state, replay, diff, bisect, whatif, events --where, specs).
 */
public interface EventTransform {

    /** Leaves every event as it is. */
    EventTransform IDENTITY = new EventTransform() {
        @Override
        public List<RecordedEvent> apply(RecordedEvent event) {
            return List.of(event);
        }

        @Override
        public boolean isIdentity() {
            return true;
        }

        @Override
        public String fingerprint() {
            return "identity";
        }
    };

    /** The events {@code event} becomes, in order. */
    List<RecordedEvent> apply(RecordedEvent event);

    /** True when this transform never changes anything (lets readers skip it). */
    default boolean isIdentity() {
        return false;
    }

    /**
     * The stored event types that may become one of {@code types} (a superset of them): what a
     * query for {@code types} must select from the store when this transform renames types.
     */
    default java.util.Set<String> storedTypesFor(java.util.Set<String> types) {
        return types;
    }

    /**
     * What identifies this transform's behaviour: equal fingerprints transform every event the same
     * way. Snapshots include it in their model fingerprint, so a changed upcaster makes every
     * snapshot folded through the old one unusable.
     */
    String fingerprint();
}
