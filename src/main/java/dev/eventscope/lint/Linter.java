package dev.eventscope.lint;

import dev.eventscope.event.Times;
import dev.eventscope.model.AggregateModel;
import dev.eventscope.model.Model;
import dev.eventscope.model.ProcessorModel;
import dev.eventscope.model.ProjectionModel;
import dev.eventscope.model.SagaModel;
import dev.eventscope.model.Upcaster;
import dev.eventscope.model.UpcasterChain;
import dev.eventscope.store.EventStore;
import dev.eventscope.store.ReadLintFigures;
import dev.eventscope.store.ReadLintFigures.Figure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Finds event-log anti-patterns ({@code evs lint}). The store answers the figures of every rule
 * about events at once ({@link ReadLintFigures#figures}: on SQLite one scan of the table); rules
 * about names and the model look at the distinct (aggregate type, event type, version)
 * combinations only.
 */
public final class Linter {

    private final ReadLintFigures figures;
    private final Model model;
    private final long events;

    /** @param model the model, or null when there is none (the rules that need one are skipped) */
    public Linter(EventStore store, Model model) {
        this(store.lintFigures(), model, store.head().events());
    }

    Linter(ReadLintFigures figures, Model model, long events) {
        this.figures = figures;
        this.model = model;
        this.events = events;
    }

    public LintReport run(LintSettings settings) {
        List<Finding> findings = new ArrayList<>();
        Map<Rule, String> skipped = new EnumMap<>(Rule.class);
        int n = settings.examples();
        Set<Figure> asked = EnumSet.noneOf(Figure.class);
        for (Rule rule : settings.rules()) {
            if (!needsModel(rule) || model != null) {
                asked.add(figure(rule));
            }
        }
        ReadLintFigures.Answers answers = figures.figures(
                new ReadLintFigures.Request(asked, settings.maxPayloadBytes(), settings.maxRecordLag(), n));
        List<ReadLintFigures.TypeVersion> types = answers.typeVersions();
        for (Rule rule : settings.rules()) {
            if (needsModel(rule) && model == null) {
                skipped.put(rule, "no model: pass --model FILE or create eventscope.yaml");
                continue;
            }
            switch (rule) {
                case LARGE_PAYLOAD:
                    findings.add(events(rule, answers.of(Figure.LARGE_PAYLOADS), d -> d + " bytes"));
                    break;
                case MISSING_CORRELATION:
                    findings.add(events(rule, answers.of(Figure.WITHOUT_CORRELATION), d -> null));
                    break;
                case DANGLING_CAUSATION:
                    findings.add(events(rule, answers.of(Figure.DANGLING_CAUSATIONS), d -> "causationId " + d));
                    break;
                case TIME_BACKWARDS:
                    findings.add(events(
                            rule,
                            answers.of(Figure.TIMESTAMPS_BACKWARDS),
                            d -> "the event before it is at " + Times.format(Times.fromMicros(Long.parseLong(d)))));
                    break;
                case RECORD_LAG:
                    findings.add(events(
                            rule,
                            answers.of(Figure.RECORD_LAG),
                            d -> "recorded " + human(Duration.ofNanos(Long.parseLong(d) * 1000)) + " after"));
                    break;
                case REPEATED_PAYLOAD:
                    findings.add(events(
                            rule, answers.of(Figure.REPEATED_PAYLOADS), d -> "same as the event at position " + d));
                    break;
                case NOT_PAST_TENSE:
                    findings.add(notPastTense(types, n));
                    break;
                case UNKNOWN_TYPE:
                    findings.add(unknownTypes(types, n));
                    break;
                case NO_UPCAST_PATH:
                    findings.add(noUpcastPath(types, n));
                    break;
                case SAGA_NEVER_ENDS:
                    findings.add(SagaEnds.unreachable(model, types, n));
                    break;
                default:
                    throw new IllegalStateException("no check for rule " + rule.id());
            }
        }
        return new LintReport(events, findings, skipped);
    }

    private static boolean needsModel(Rule rule) {
        return rule == Rule.UNKNOWN_TYPE || rule == Rule.NO_UPCAST_PATH || rule == Rule.SAGA_NEVER_ENDS;
    }

    /** What the store must count for {@code rule}: all the name and model rules look at the type versions. */
    private static Figure figure(Rule rule) {
        return switch (rule) {
            case LARGE_PAYLOAD -> Figure.LARGE_PAYLOADS;
            case MISSING_CORRELATION -> Figure.WITHOUT_CORRELATION;
            case DANGLING_CAUSATION -> Figure.DANGLING_CAUSATIONS;
            case TIME_BACKWARDS -> Figure.TIMESTAMPS_BACKWARDS;
            case RECORD_LAG -> Figure.RECORD_LAG;
            case REPEATED_PAYLOAD -> Figure.REPEATED_PAYLOADS;
            case UNKNOWN_TYPE, NO_UPCAST_PATH, NOT_PAST_TENSE, SAGA_NEVER_ENDS -> Figure.TYPE_VERSIONS;
        };
    }

    private static Finding events(
            Rule rule, ReadLintFigures.Matches m, java.util.function.Function<String, String> detail) {
        List<String> examples = new ArrayList<>();
        for (ReadLintFigures.Example e : m.examples()) {
            String d = e.detail() == null ? null : detail.apply(e.detail());
            examples.add("position " + e.position() + " " + e.eventType() + " of " + e.stream()
                    + (d == null ? "" : ": " + d));
        }
        return new Finding(rule, m.count(), "events", examples);
    }

    /** Event types counted once each, however many aggregate types and versions they are stored with. */
    private static Finding types(Rule rule, Map<String, String> flagged, int n) {
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, String> e : flagged.entrySet()) {
            if (examples.size() >= n) {
                break;
            }
            examples.add(e.getKey() + ": " + e.getValue());
        }
        return new Finding(rule, flagged.size(), "event types", examples);
    }

    private static Finding notPastTense(List<ReadLintFigures.TypeVersion> types, int n) {
        Map<String, String> flagged = new LinkedHashMap<>();
        for (ReadLintFigures.TypeVersion t : types) {
            if (!flagged.containsKey(t.eventType()) && !PastTense.isPastTense(t.eventType())) {
                flagged.put(t.eventType(), PastTense.reason(t.eventType()));
            }
        }
        return types(Rule.NOT_PAST_TENSE, flagged, n);
    }

    private Finding unknownTypes(List<ReadLintFigures.TypeVersion> types, int n) {
        Map<String, String> flagged = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ReadLintFigures.TypeVersion t : types) {
            if (!known(t.aggregateType(), t.eventType())) {
                String key = t.aggregateType() + "/" + t.eventType();
                counts.merge(key, t.events(), Long::sum);
            }
        }
        counts.forEach((k, v) ->
                flagged.put(k, v + " event" + (v == 1 ? "" : "s") + " that no reducer, projection or handler takes"));
        return types(Rule.UNKNOWN_TYPE, flagged, n);
    }

    /** Whether a reducer of its aggregate, a projection or handler, an upcaster or a saga takes the type. */
    private boolean known(String aggregateType, String eventType) {
        AggregateModel aggregate = model.aggregates().get(aggregateType);
        if (aggregate != null && aggregate.reducerFor(eventType) != null) {
            return true;
        }
        for (ProcessorModel p : model.processors().values()) {
            if (!p.subscription().matches(eventType, aggregateType)) {
                continue;
            }
            if (!(p instanceof ProjectionModel projection) || projection.ruleFor(eventType) != null) {
                return true;
            }
        }
        for (Upcaster u : model.upcasters().upcasters()) {
            if (u.type().equals(eventType)) {
                return true;
            }
        }
        for (SagaModel saga : model.sagas().values()) {
            if (saga.eventTypes().contains(eventType)) {
                return true;
            }
        }
        return false;
    }

    private Finding noUpcastPath(List<ReadLintFigures.TypeVersion> types, int n) {
        Map<String, String> flagged = new LinkedHashMap<>();
        UpcasterChain chain = model.upcasters();
        for (ReadLintFigures.TypeVersion t : types) {
            OptionalInt latest = chain.latest(t.eventType());
            if (latest.isEmpty() || t.eventVersion() >= latest.getAsInt()) {
                continue;
            }
            int stuck = stuckAt(chain, t.eventType(), t.eventVersion(), latest.getAsInt());
            if (stuck > 0) {
                flagged.put(
                        t.eventType() + " v" + t.eventVersion(),
                        t.events() + " stored event" + (t.events() == 1 ? "" : "s") + "; no upcaster from v" + stuck
                                + " (latest is v" + latest.getAsInt() + ")");
            }
        }
        return types(Rule.NO_UPCAST_PATH, flagged, n);
    }

    /** The version where the chain from {@code version} stops short of {@code latest}, 0 when it gets there. */
    static int stuckAt(UpcasterChain chain, String type, int version, int latest) {
        int v = version;
        while (v < latest) {
            Upcaster step = chain.step(type, v);
            if (step == null || step.to() <= v) {
                return v;
            }
            v = step.to();
        }
        return 0;
    }

    /** A duration for people: the two largest units, such as "16y 60d", "3d 4h" or "12m 5s". */
    public static String human(Duration d) {
        long s = d.getSeconds();
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days >= 365) {
            return days / 365 + "y " + days % 365 + "d";
        }
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + seconds + "s";
        }
        return seconds + "s";
    }
}
