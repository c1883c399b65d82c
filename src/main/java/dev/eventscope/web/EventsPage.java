package dev.eventscope.web;

import dev.eventscope.engine.Engine;
import dev.eventscope.engine.EventFilter;
import dev.eventscope.engine.EventService;
import dev.eventscope.event.RecordedEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Events ({@code /events}): the filters of {@code evs events} (stream, types, valid-time window,
 * record-time cut, links, user, a JSLT condition), a page at a time in position order (or newest
 * first), each page continuing after the last position of the one before.
 */
final class EventsPage {

    static final int PAGE = 100;

    private EventsPage() {}

    static Response render(Console console, Request r, Engine engine) {
        boolean reverse = r.flag("reverse");
        boolean raw = r.flag("raw");
        int limit = r.number("limit", PAGE, 1, 1_000);
        List<String> types = new ArrayList<>();
        for (String t : r.all("type")) {
            types.addAll(Arrays.asList(t.split(",")));
        }
        Long fromPosition = r.number("fromPosition");
        Long toPosition = r.number("toPosition");
        EventFilter filter = new EventFilter(
                r.one("aggregateType"),
                r.raw("aggregateId"),
                types,
                r.one("since"),
                r.one("until"),
                r.one("asOf"),
                r.raw("correlationId"),
                r.raw("causationId"),
                r.raw("user"),
                fromPosition,
                toPosition,
                (long) limit + 1,
                reverse);
        EventService.Listing listing =
                engine.events().listing(new EventService.ListOptions(filter, r.one("where"), raw, null));
        List<RecordedEvent> events = new ArrayList<>();
        try {
            listing.run(e -> events.add(e), () -> false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the console is stopping", e);
        }
        boolean more = events.size() > limit;
        List<RecordedEvent> page = more ? events.subList(0, limit) : events;

        Html h = new Html(32_768);
        h.add("<form class=\"filters\" method=\"get\" action=\"/events\" role=\"search\">");
        field(h, "aggregate type", "aggregateType", r.one("aggregateType"), null);
        field(h, "aggregate id", "aggregateId", r.raw("aggregateId"), null);
        field(h, "event types", "type", String.join(",", types), "A,B");
        field(h, "since", "since", r.one("since"), "ISO-8601, a date or 2h");
        field(h, "until", "until", r.one("until"), null);
        field(h, "as of", "asOf", r.one("asOf"), "record time");
        field(h, "correlation id", "correlationId", r.raw("correlationId"), null);
        field(h, "causation id", "causationId", r.raw("causationId"), null);
        field(h, "user", "user", r.raw("user"), null);
        field(h, "where (JSLT)", "where", r.one("where"), ".payload.totalAmount > 100");
        field(h, "from position", "fromPosition", r.one("fromPosition"), null);
        h.add(
                "<label class=\"check\"><input type=\"checkbox\" name=\"reverse\"{}> newest first</label>",
                reverse ? new Html.Safe(" checked") : null);
        h.add(
                "<label class=\"check\"><input type=\"checkbox\" name=\"raw\"{}> as stored (no upcasting)</label>",
                raw ? new Html.Safe(" checked") : null);
        h.add("<button type=\"submit\">Filter</button> <a href=\"/events\">clear</a></form>");
        if (page.isEmpty()) {
            h.add("<p class=\"r-muted\">No events match.</p>");
        } else {
            h.add("<div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\" class=\"num\">position</th>"
                    + "<th scope=\"col\">timestamp</th><th scope=\"col\">type</th><th scope=\"col\">stream</th><th"
                    + " scope=\"col\" class=\"num\">ver</th><th scope=\"col\">payload</th></tr></thead><tbody>");
            for (RecordedEvent e : page) {
                h.add(
                        "<tr><td class=\"num\">{}</td><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                        Bits.position(e.position()),
                        Bits.time(e.timestamp()),
                        Bits.eventUrl(e),
                        Bits.type(e.eventType()),
                        Bits.stream(e.stream()),
                        e.streamVersion(),
                        JsonHtml.inline(e.payload().node(), 120));
            }
            h.add("</tbody></table></div>");
        }
        if (more) {
            long last = page.get(page.size() - 1).position();
            Url next = Url.of("/events")
                    .param("aggregateType", r.one("aggregateType"))
                    .param("aggregateId", r.raw("aggregateId"))
                    .param("type", String.join(",", types))
                    .param("since", r.one("since"))
                    .param("until", r.one("until"))
                    .param("asOf", r.one("asOf"))
                    .param("correlationId", r.raw("correlationId"))
                    .param("causationId", r.raw("causationId"))
                    .param("user", r.raw("user"))
                    .param("where", r.one("where"))
                    .param("reverse", reverse ? "on" : null)
                    .param("raw", raw ? "on" : null)
                    .param("limit", limit == PAGE ? null : limit);
            if (reverse) {
                next.param("toPosition", last - 1).param("fromPosition", fromPosition);
            } else {
                next.param("fromPosition", last + 1).param("toPosition", toPosition);
            }
            h.add(
                    "<nav class=\"pager\" aria-label=\"Pages\"><a rel=\"next\" href=\"{}\">Next {} events</a></nav>",
                    next,
                    limit);
        }
        return Layout.page(console, "Events", "/events", -1, h);
    }

    private static void field(Html h, String label, String name, String value, String placeholder) {
        h.add(
                "<label>{} <input name=\"{}\" value=\"{}\"{} autocomplete=\"off\"></label>",
                label,
                name,
                value,
                placeholder == null
                        ? null
                        : new Html().add(" placeholder=\"{}\"", placeholder).safe());
    }
}
