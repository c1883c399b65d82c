package dev.eventscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.OverviewService;
import dev.eventscope.stats.StatsFigures;
import dev.eventscope.store.DeadLetter;
import java.time.Duration;
import java.time.Instant;

/**
 * The overview ({@code /}): totals, events per minute over the last hour and day, ingestion lag,
 * dead letters, the model's projections and handlers with how far behind the head they are, and the
 * chain head. Live: it is drawn again when another process appends.
 */
final class OverviewPage {

    private OverviewPage() {}

    static Response render(Console console, Request r, Engine engine) {
        Instant now = Instant.now();
        // the queue's mark before the figures: a change in between shows on the next update
        String letters = HeadWatch.mark(engine.overview().letterChanges());
        OverviewService.Overview o = engine.overview().overview(console.stats().get(), now);
        console.stats().set(o.stats());
        JsonNode totals = section(o, "totals");
        JsonNode rates = section(o, "rates");
        JsonNode lag = section(o, "lag");
        Html h = new Html(16_384);
        h.add("<div data-live id=\"overview\">");
        h.add("<section class=\"cards\" aria-label=\"Totals\">");
        card(
                h,
                "Events",
                Bits.count(o.head().events()),
                Url.of("/events").param("reverse", "on").toString());
        card(h, "Streams", Bits.count(totals.path("streams").asLong()), "/streams");
        card(h, "Aggregate types", Bits.count(totals.path("aggregateTypes").asLong()), null);
        card(h, "Event types", Bits.count(totals.path("eventTypes").asLong()), null);
        card(
                h,
                "Head position",
                Long.toString(o.head().position()),
                o.head().position() > 0
                        ? Url.of("/event").param("id", o.head().position()).toString()
                        : null);
        long parked = o.letters().getOrDefault(DeadLetter.Status.PARKED, 0L);
        card(
                h,
                "Dead letters parked",
                Bits.count(parked),
                Url.of("/dlq").param("status", "parked").toString());
        h.add("</section>");

        h.add("<section aria-labelledby=\"rates-h\"><h2 id=\"rates-h\">Events per minute <span class=\"r-muted\">(by"
                + " record time)</span></h2>");
        h.add(
                "<div class=\"two\"><div><h3>Last hour</h3>{}</div><div><h3>Last day</h3>{}</div></div>",
                Chart.bars("chart-hour", o.lastHour(), now, Duration.ofMinutes(1), "events per minute, last hour"),
                Chart.bars("chart-day", o.lastDay(), now, Duration.ofMinutes(1), "events per minute, last day"));
        h.add("<dl class=\"figures\">");
        Bits.row(
                h,
                "last minute",
                rates.path("lastMinuteEvents").asLong() + " events ("
                        + rates.path("lastMinutePerSecond").asDouble() + "/s)");
        Bits.row(
                h,
                "last hour",
                rates.path("lastHourEvents").asLong() + " events ("
                        + rates.path("lastHourPerSecond").asDouble() + "/s)");
        Bits.row(
                h,
                "last day",
                rates.path("lastDayEvents").asLong() + " events ("
                        + rates.path("lastDayPerSecond").asDouble() + "/s)");
        JsonNode peak = rates.path("peakMinute");
        if (peak.has("start")) {
            Bits.row(
                    h,
                    "busiest minute",
                    new Html()
                            .add(
                                    "{} events at {}",
                                    peak.path("events").asLong(),
                                    Bits.time(Instant.parse(peak.path("start").asText())))
                            .safe());
        }
        Bits.row(
                h,
                "last recorded",
                totals.has("lastRecordedAt")
                        ? Bits.time(Instant.parse(totals.path("lastRecordedAt").asText()))
                        : Bits.muted("never"));
        h.add("</dl></section>");

        h.add("<div class=\"two\">");
        h.add("<section aria-labelledby=\"lag-h\"><h2 id=\"lag-h\">Ingestion lag <span class=\"r-muted\">(record time −"
                + " timestamp)</span></h2>");
        h.add(
                "<div class=\"scroll\"><table><thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"num\">events</th><th scope=\"col\""
                        + " class=\"num\">median</th><th scope=\"col\" class=\"num\">p99</th><th scope=\"col\""
                        + " class=\"num\">max</th></tr></thead><tbody>");
        lagRow(h, "last hour", lag.path("lastHour"));
        lagRow(h, "all", lag.path("all"));
        h.add("</tbody></table></div></section>");

        h.add("<section aria-labelledby=\"chain-h\"><h2 id=\"chain-h\">Chain head</h2><dl class=\"figures\">");
        Bits.row(
                h,
                "position",
                o.head().position() > 0 ? Bits.position(o.head().position()) : Bits.muted("(empty store)"));
        Bits.row(
                h,
                "hash",
                o.head().hash() == null || o.head().hash().isEmpty()
                        ? Bits.muted("-")
                        : new Html()
                                .add("<code class=\"hash\">{}</code>", o.head().hash())
                                .safe());
        Bits.row(h, "events", Bits.count(o.head().events()));
        h.add(
                "</dl><p class=\"r-muted\">Pin it elsewhere and check later with <code>evs verify --expect-head</code>.</p></section>");
        h.add("</div>");

        h.add("<div class=\"two\">");
        h.add("<section aria-labelledby=\"dlq-h\"><h2 id=\"dlq-h\">Dead letters</h2><dl class=\"figures\">");
        for (DeadLetter.Status s : DeadLetter.Status.values()) {
            long n = o.letters().getOrDefault(s, 0L);
            Bits.row(
                    h,
                    s.label(),
                    new Html()
                            .add(
                                    "<a class=\"{}\" href=\"{}\">{}</a>",
                                    s == DeadLetter.Status.PARKED && n > 0 ? "r-warning" : "",
                                    Url.of("/dlq").param("status", s.label()),
                                    Bits.count(n))
                            .safe());
        }
        h.add("</dl></section>");

        h.add("<section aria-labelledby=\"proc-h\"><h2 id=\"proc-h\">Projections and handlers</h2>");
        if (o.modelProblem() != null) {
            h.add("<p class=\"r-error\">the model does not load: {}</p>", o.modelProblem());
        } else if (o.processors().isEmpty()) {
            h.add(
                    "<p class=\"r-muted\">{}</p>",
                    engine.hasModel()
                            ? "The model has no projections or handlers."
                            : "No model (eventscope.yaml): no projections or handlers.");
        } else {
            h.add(
                    "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">name</th><th scope=\"col\">kind</th><th scope=\"col\""
                            + " class=\"num\">checkpoint</th><th scope=\"col\" class=\"num\">behind the head</th><th"
                            + " scope=\"col\">updated</th></tr></thead><tbody>");
            for (OverviewService.ProcessorLag p : o.processors()) {
                h.add(
                        "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num {}\">{}</td><td>{}</td></tr>",
                        p.name(),
                        p.kind(),
                        p.checkpoint(),
                        p.behind() > 0 ? "r-warning" : "r-added",
                        p.behind() == 0 ? "up to date" : Bits.count(p.behind()) + " events",
                        p.updatedAt() == null ? Bits.muted("never ran") : Bits.time(p.updatedAt()));
            }
            h.add("</tbody></table></div>");
        }
        h.add("</section></div>");

        JsonNode types = section(o, "eventTypes").path("types");
        if (types.size() > 0) {
            h.add(
                    "<section aria-labelledby=\"types-h\"><h2 id=\"types-h\">Event types</h2><div class=\"scroll\"><table><thead><tr><th"
                            + " scope=\"col\">type</th><th scope=\"col\" class=\"num\">events</th><th scope=\"col\""
                            + " class=\"num\">avg payload</th><th scope=\"col\" class=\"num\">max payload</th></tr></thead>"
                            + "<tbody>");
            int shown = 0;
            for (JsonNode t : types) {
                if (shown++ == 20) {
                    break;
                }
                h.add(
                        "<tr><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{} B</td><td"
                                + " class=\"num\">{} B</td></tr>",
                        Url.of("/events").param("type", t.path("eventType").asText()),
                        Bits.type(t.path("eventType").asText()),
                        Bits.count(t.path("events").asLong()),
                        Bits.count(t.path("averagePayloadBytes").asLong()),
                        Bits.count(t.path("maxPayloadBytes").asLong()));
            }
            h.add(
                    "</tbody></table></div>{}</section>",
                    types.size() > 20 ? Bits.muted("… and " + (types.size() - 20) + " more types") : null);
        }
        h.add(
                "<p class=\"r-muted stamp\">as of {} · head {}</p>",
                Bits.time(o.at()),
                o.head().position());
        h.add("</div>");
        return Layout.page(console, "Overview", "/", o.head().position(), letters, h);
    }

    private static JsonNode section(OverviewService.Overview o, String name) {
        StatsFigures f = o.stats().section(name);
        return f == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : f.json();
    }

    private static void card(Html h, String label, String value, String link) {
        if (link == null) {
            h.add(
                    "<div class=\"card\"><span class=\"label\">{}</span><span class=\"value\">{}</span></div>",
                    label,
                    value);
        } else {
            h.add(
                    "<a class=\"card\" href=\"{}\"><span class=\"label\">{}</span><span class=\"value\">{}</span></a>",
                    link,
                    label,
                    value);
        }
    }

    private static void lagRow(Html h, String label, JsonNode l) {
        if (l.path("events").asLong() == 0) {
            h.add(
                    "<tr><th scope=\"row\">{}</th><td class=\"num\">0</td><td class=\"num\" colspan=\"3\">{}</td></tr>",
                    label,
                    Bits.muted("no events"));
            return;
        }
        h.add(
                "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                label,
                Bits.count(l.path("events").asLong()),
                Bits.duration(l.path("medianSeconds").asDouble()),
                Bits.duration(l.path("p99Seconds").asDouble()),
                Bits.duration(l.path("maxSeconds").asDouble()));
    }
}
