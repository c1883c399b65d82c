package dev.eventscope.event;

/**
 * What a writer believes about a stream before appending to it; the store refuses the append when
 * the belief is wrong (optimistic concurrency).
 *
 * <p>{@link Exactly} names the stream's current version (its last stream version, 0 for a stream
 * with no events), so the first append to a new stream may say {@code 0} or {@link NoStream}.
 */
public sealed interface ExpectedVersion {

    /** No check. */
    record Any() implements ExpectedVersion {
        @Override
        public String toString() {
            return "any";
        }
    }

    /** The stream must not exist yet. */
    record NoStream() implements ExpectedVersion {
        @Override
        public String toString() {
            return "no-stream";
        }
    }

    /** The stream must have at least one event. */
    record Exists() implements ExpectedVersion {
        @Override
        public String toString() {
            return "exists";
        }
    }

    /** The stream's current version must be exactly {@code version}. */
    record Exactly(long version) implements ExpectedVersion {
        public Exactly {
            if (version < 0) {
                throw new IllegalArgumentException("expected version must be 0 or more, got " + version);
            }
        }

        @Override
        public String toString() {
            return Long.toString(version);
        }
    }

    ExpectedVersion ANY = new Any();
    ExpectedVersion NO_STREAM = new NoStream();
    ExpectedVersion EXISTS = new Exists();

    /** Whether a stream whose current version is {@code current} (0 = no events) satisfies this. */
    default boolean isSatisfiedBy(long current) {
        if (this instanceof Exactly exactly) {
            return exactly.version() == current;
        }
        if (this instanceof NoStream) {
            return current == 0;
        }
        if (this instanceof Exists) {
            return current > 0;
        }
        return true;
    }

    /**
     * Parses {@code any}, {@code no-stream}, {@code exists} or a number.
     *
     * @throws IllegalArgumentException with the accepted forms
     */
    static ExpectedVersion parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "any":
                return ANY;
            case "no-stream":
            case "nostream":
                return NO_STREAM;
            case "exists":
            case "stream-exists":
                return EXISTS;
            default:
                try {
                    return new Exactly(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "expected version '" + text + "' is not any, no-stream, exists or a number 0 or more");
                }
        }
    }
}
