package dev.eventscope.audit;

import java.util.List;

/**
 * The audit timeline of one aggregate or one user: the changes in position order (the order the
 * store learned them).
 *
 * @param subject what the timeline is of, for headings: {@code PermitApplication/case-891} or
 *     {@code user Resource26}
 * @param withState true when every entry has a state patch (the model has reducers for every
 *     aggregate type in it)
 */
public record Timeline(String subject, List<AuditEntry> entries, boolean withState) {

    public Timeline {
        if (subject == null) {
            throw new IllegalArgumentException("a timeline names its subject");
        }
        entries = List.copyOf(entries);
    }

    /** The distinct users in the timeline, in order of first appearance (events without one as null). */
    public List<String> users() {
        return entries.stream().map(e -> e.event().userId()).distinct().toList();
    }
}
