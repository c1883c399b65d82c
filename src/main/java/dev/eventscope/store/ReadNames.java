package dev.eventscope.store;

import java.util.List;

/**
 * The names the store holds, by prefix, sorted and capped: for completion in {@code evs shell}.
 * Each answer is a few index seeks; a prefix of "" lists from the start.
 */
public interface ReadNames {

    List<String> aggregateTypes(String prefix, int limit);

    List<String> eventTypes(String prefix, int limit);

    /** Aggregate ids of any type (of {@code aggregateType} when not null) starting with {@code prefix}. */
    List<String> aggregateIds(String aggregateType, String prefix, int limit);
}
