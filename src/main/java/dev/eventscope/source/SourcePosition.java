package dev.eventscope.source;

/**
 * A place in a source's global order: the row's position, and for stores whose order is the
 * writing transaction first (Emmett on PostgreSQL) that transaction's id. Positions compare by
 * transaction, then position.
 *
 * @param transaction the writing transaction's 64-bit id, or 0 where the order has none
 * @param position the source's position column (global position, sequence, row id); 0 is "before
 *     the first event"
 */
public record SourcePosition(long transaction, long position) implements Comparable<SourcePosition> {

    /** Before the first event of any source. */
    public static final SourcePosition START = new SourcePosition(0, 0);

    public SourcePosition {
        if (transaction < 0 || position < 0) {
            throw new IllegalArgumentException("a source position is never negative: " + transaction + ":" + position);
        }
    }

    public static SourcePosition of(long position) {
        return new SourcePosition(0, position);
    }

    /**
     * The position {@link #toString()} printed ({@code 123} or {@code 456:123}).
     *
     * @throws IllegalArgumentException when {@code text} is no such position
     */
    public static SourcePosition parse(String text) {
        if (text == null || !text.matches("[0-9]{1,19}(:[0-9]{1,19})?")) {
            throw new IllegalArgumentException("not a source position: " + text);
        }
        int colon = text.indexOf(':');
        try {
            return colon < 0
                    ? of(Long.parseLong(text))
                    : new SourcePosition(
                            Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a source position: " + text, e);
        }
    }

    /**
     * The position just before this one in the order: reading after it reads this position first
     * (no position lies between the two).
     */
    public SourcePosition justBefore() {
        // every store numbers its rows from 1, so a row at 0 is never read after START anyway
        return position == 0 ? this : new SourcePosition(transaction, position - 1);
    }

    @Override
    public int compareTo(SourcePosition o) {
        int byTransaction = Long.compare(transaction, o.transaction);
        return byTransaction != 0 ? byTransaction : Long.compare(position, o.position);
    }

    /** {@code 123} or, with a transaction, {@code 456:123}: how messages and metadata show it. */
    @Override
    public String toString() {
        return transaction == 0 ? Long.toString(position) : transaction + ":" + position;
    }
}
