package dev.eventscope.audit;

import dev.eventscope.verify.VerifyReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an audit report holds ({@code evs audit report}): the scope, summary figures, changes per
 * user and per period, the slowest correlations, the store's integrity, and the timelines of the
 * chosen aggregates. Rendered by {@link HtmlReport} and {@link MarkdownReport}.
 *
 * @param aggregateType the aggregate type the report is limited to, or null
 * @param since the start of the valid-time window, or null
 * @param until the end of the valid-time window, or null
 * @param first the earliest timestamp in scope, null when no event is
 * @param perUser events per user, most first (events without a userId under a null user)
 * @param periodUnit "day" or "month": the length of each {@code perPeriod} bucket
 * @param perPeriod events per day (per month when the scope spans more than 92 days), oldest first
 * @param slowest the correlations with the longest span (first to last timestamp), longest first
 */
public record AuditReport(
        Instant generatedAt,
        String storeFile,
        String aggregateType,
        Instant since,
        Instant until,
        long events,
        long streams,
        long correlations,
        Instant first,
        Instant last,
        List<Count> perUser,
        String periodUnit,
        List<Count> perPeriod,
        List<Span> slowest,
        VerifyReport integrity,
        List<Timeline> timelines) {

    /** A label (a user, a day such as 2024-01-15, a month such as 2024-01) and its events. */
    public record Count(String label, long events) {}

    /** One correlation's first and last timestamp, its events, and the aggregates it touched. */
    public record Span(String correlationId, long events, Instant first, Instant last, List<String> aggregates) {

        public Span {
            aggregates = List.copyOf(aggregates);
        }

        public Duration span() {
            return Duration.between(first, last);
        }
    }

    public AuditReport {
        perUser = List.copyOf(perUser);
        perPeriod = List.copyOf(perPeriod);
        slowest = List.copyOf(slowest);
        timelines = List.copyOf(timelines);
    }

    /** How many distinct users (events without a userId count as one more). */
    public long users() {
        return perUser.size();
    }
}
