package dev.eventscope.upcast;

import dev.eventscope.event.RecordedEvent;
import dev.eventscope.model.UpcasterChain;
import dev.eventscope.pipeline.Progress;
import dev.eventscope.schema.EventValidator;
import dev.eventscope.store.EventQuery;
import dev.eventscope.store.ReadEvents;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code upcast check}: proves that every stored event still reads: it goes through the upcaster
 * chain without a failure, ends at the latest schema version of its type, and matches that
 * version's schema (when the model has one). Reads the store once, in position order, holding one
 * event at a time plus the first failures and the counts per type.
 */
public final class UpcastCheck {

    /** How many failures a report lists by default; all are counted. */
    public static final int DEFAULT_SHOWN = 20;

    private final ReadEvents store;
    private final UpcasterChain chain;
    private final EventValidator validator;

    public UpcastCheck(ReadEvents store, UpcasterChain chain, EventValidator validator) {
        this.store = store;
        this.chain = chain;
        this.validator = validator;
    }

    /** Checks every stored event; lists at most {@code shown} failures. */
    public CheckReport run(int shown, Progress progress) {
        long head = store.head().position();
        Map<String, Counts> types = new TreeMap<>();
        List<CheckReport.Failure> failures = new ArrayList<>();
        long events = 0;
        long failed = 0;
        progress.begin("checking", Progress.Unit.EVENTS, store.head().events());
        try (Stream<RecordedEvent> all = store.scan(EventQuery.ALL.withPositions(null, head))) {
            Iterator<RecordedEvent> it = all.iterator();
            while (it.hasNext()) {
                RecordedEvent e = it.next();
                events++;
                Outcome o = Outcome.of(e, chain, validator);
                Counts c = types.computeIfAbsent(e.eventType(), t -> new Counts());
                c.stored.merge(e.eventVersion(), 1L, Long::sum);
                c.events++;
                if (o.changed()) {
                    c.upcast++;
                }
                for (RecordedEvent out : o.events()) {
                    if (validator.schema(out.eventType(), out.eventVersion()).isPresent()) {
                        c.validated++;
                        break;
                    }
                }
                if (!o.ok()) {
                    failed++;
                    c.failed++;
                    if (failures.size() < shown) {
                        failures.add(new CheckReport.Failure(
                                e.position(),
                                e.eventId(),
                                e.eventType(),
                                e.eventVersion(),
                                o.problem().upcaster(),
                                o.problem().at(),
                                o.problem().error()));
                    }
                }
                if ((events & 1023) == 0) {
                    progress.at(events);
                }
            }
        } finally {
            progress.end();
        }
        List<CheckReport.TypeReport> reports = new ArrayList<>();
        types.forEach((type, c) -> {
            var latest = chain.latest(type);
            reports.add(new CheckReport.TypeReport(
                    type,
                    c.stored,
                    latest.isPresent() ? latest.getAsInt() : null,
                    c.events,
                    c.upcast,
                    c.validated,
                    c.failed));
        });
        return new CheckReport(events, events - failed, failed, reports, failures);
    }

    private static final class Counts {
        final TreeMap<Integer, Long> stored = new TreeMap<>();
        long events;
        long upcast;
        long validated;
        long failed;
    }
}
