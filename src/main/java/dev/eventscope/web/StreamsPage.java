package dev.eventscope.web;

import dev.eventscope.engine.BrowseService;
import dev.eventscope.engine.Engine;
import dev.eventscope.event.StreamId;
import dev.eventscope.store.StreamSummary;

/**
 * The streams ({@code /streams}): search by aggregate type and id prefix, as {@code evs streams};
 * a page at a time, each continuing after the last stream of the one before, so the thousandth page
 * of a store of millions costs what the first does.
 */
final class StreamsPage {

    static final int PAGE = 50;

    private StreamsPage() {}

    static Response render(Console console, Request r, Engine engine) {
        String type = r.one("type");
        String prefix = r.one("prefix");
        String afterType = r.one("afterType");
        String afterId = r.raw("afterId");
        int limit = r.number("limit", PAGE, 1, BrowseService.MAX_PAGE);
        StreamId after = null;
        if (afterType != null && afterId != null) {
            try {
                after = new StreamId(afterType, afterId);
            } catch (IllegalArgumentException e) {
                throw new dev.eventscope.error.UsageException("afterType/afterId: " + e.getMessage());
            }
        }
        BrowseService.StreamsPage page =
                engine.browse().streams(new BrowseService.StreamsPageOptions(type, prefix, after, limit));
        Html h = new Html(16_384);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/streams\" role=\"search\">"
                        + "<label>aggregate type <input name=\"type\" value=\"{}\" list=\"agg-types\" autocomplete=\"off\"></label>"
                        + "<label>id starts with <input name=\"prefix\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<button type=\"submit\">Search</button></form>",
                type,
                prefix);
        h.add("<datalist id=\"agg-types\">");
        for (String t : engine.names().aggregateTypes("", 200)) {
            h.add("<option value=\"{}\">", t);
        }
        h.add("</datalist>");
        if (page.streams().isEmpty()) {
            h.add("<p class=\"r-muted\">{}</p>", after == null ? "No streams match." : "No more streams.");
        } else {
            h.add(
                    "<div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\">stream</th><th scope=\"col\""
                            + " class=\"num\">events</th><th scope=\"col\" class=\"num\">version</th><th scope=\"col\""
                            + " class=\"num\">first position</th><th scope=\"col\" class=\"num\">last position</th><th scope=\"col\">first"
                            + " timestamp</th><th scope=\"col\">last timestamp</th></tr></thead><tbody>");
            for (StreamSummary s : page.streams()) {
                h.add(
                        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                                + "<td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                        Bits.stream(s.stream()),
                        Bits.count(s.events()),
                        s.version(),
                        Bits.position(s.firstPosition()),
                        Bits.position(s.lastPosition()),
                        Bits.time(s.firstTimestamp()),
                        Bits.time(s.lastTimestamp()));
            }
            h.add("</tbody></table></div>");
        }
        h.add("<nav class=\"pager\" aria-label=\"Pages\">");
        if (after != null) {
            h.add(
                    "<a href=\"{}\">First page</a>",
                    Url.of("/streams")
                            .param("type", type)
                            .param("prefix", prefix)
                            .param("limit", limit == PAGE ? null : limit));
        }
        if (page.next() != null) {
            h.add(
                    "<a rel=\"next\" href=\"{}\">Next {} streams</a>",
                    Url.of("/streams")
                            .param("type", type)
                            .param("prefix", prefix)
                            .param("afterType", page.next().aggregateType())
                            .param("afterId", page.next().aggregateId())
                            .param("limit", limit == PAGE ? null : limit),
                    limit);
        }
        h.add("</nav>");
        return Layout.page(console, "Streams", "/streams", -1, h);
    }
}
