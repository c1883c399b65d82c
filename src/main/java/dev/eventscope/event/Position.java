package dev.eventscope.event;

/** A place in the global order of the store: 1-based, never reused, possibly with gaps. */
public record Position(long value) implements Comparable<Position> {

    public Position {
        if (value < 1) {
            throw new IllegalArgumentException("position must be 1 or more, got " + value);
        }
    }

    public static Position of(long value) {
        return new Position(value);
    }

    @Override
    public int compareTo(Position other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
