package dev.eventscope.trace;

import java.util.regex.Pattern;

/** Telling event ids from other causation ids. */
final class EventIds {

    /** The form the store keeps every eventId in: lower-case 8-4-4-4-12 hexadecimal. */
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private EventIds() {}

    /**
     * Whether {@code causationId} has the form of a stored eventId. Only such a causationId can
     * link to an event (links match the stored text exactly), and only such a one is an orphan when
     * no event has it; anything else is a command or request id.
     */
    static boolean looksLikeEventId(String causationId) {
        return causationId != null
                && causationId.length() == 36
                && CANONICAL.matcher(causationId).matches();
    }
}
