package dev.eventscope.web;

import dev.eventscope.engine.BrowseService;
import dev.eventscope.engine.Engine;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.JsonPatch;
import dev.eventscope.event.RecordedEvent;

/**
 * One event ({@code /event?id=POSITION|EVENT_ID}): its JSON as stored and as read through the
 * model's upcasters (as {@code evs show --raw} and {@code evs show}), its hash, and links to its
 * stream (at its version), its cause, its effects and its correlation's trace.
 */
final class EventPage {

    static final int LINKS = 50;

    private EventPage() {}

    static Response render(Console console, Request r, Engine engine) {
        String id = r.one("id");
        if (id == null) {
            throw new UsageException("which event? /event needs id: a position or an eventId");
        }
        BrowseService.EventView v = engine.browse().event(id, LINKS);
        RecordedEvent s = v.stored();
        RecordedEvent e = v.event();
        Html h = new Html(16_384);
        h.add("<dl class=\"figures wide\">");
        Bits.row(h, "type", Bits.type(e.eventType()));
        Bits.row(
                h,
                "stream",
                new Html()
                        .add(
                                "{} at <a href=\"{}\">version {}</a>",
                                Bits.stream(s.stream()),
                                Url.of("/stream")
                                        .param("type", s.aggregateType())
                                        .param("id", s.aggregateId())
                                        .param("version", s.streamVersion()),
                                s.streamVersion())
                        .safe());
        Bits.row(
                h,
                "position",
                new Html()
                        .add("<span class=\"r-position\">{}</span>", s.position())
                        .safe());
        Bits.row(h, "eventId", new Html().add("<code>{}</code>", s.eventId()).safe());
        Bits.row(
                h,
                "schema version",
                s.eventVersion() == e.eventVersion()
                        ? Integer.toString(s.eventVersion())
                        : s.eventVersion() + " stored, " + e.eventVersion() + " as read");
        Bits.row(h, "timestamp", Bits.time(s.timestamp()));
        Bits.row(h, "recorded at", Bits.time(s.recordedAt()));
        Bits.row(
                h,
                "user",
                s.userId() == null
                        ? Bits.muted("-")
                        : new Html()
                                .add(
                                        "<a href=\"{}\">{}</a>",
                                        Url.of("/audit").param("user", s.userId()),
                                        Html.clip(s.userId(), Html.CELL))
                                .safe());
        Bits.row(
                h,
                "correlation",
                s.correlationId() == null
                        ? Bits.muted("-")
                        : new Html()
                                .add(
                                        "<a href=\"{}\">{}</a> · {} · <a href=\"{}\">trace</a>",
                                        Url.of("/events").param("correlationId", s.correlationId()),
                                        Html.clip(s.correlationId(), Html.CELL),
                                        v.correlated() > LINKS
                                                ? "more than " + LINKS + " events"
                                                : v.correlated() + (v.correlated() == 1 ? " event" : " events"),
                                        Url.of("/trace").param("id", s.position()))
                                .safe());
        Bits.row(h, "cause", cause(v.cause()));
        Bits.row(
                h,
                "hash",
                new Html().add("<code class=\"hash\">{}</code>", s.hash()).safe());
        h.add("</dl>");

        h.add("<section aria-labelledby=\"effects-h\"><h2 id=\"effects-h\">Effects <span class=\"r-muted\">(events"
                + " whose causationId is this eventId)</span></h2>");
        if (v.effects().isEmpty()) {
            h.add("<p class=\"r-muted\">None.</p>");
        } else {
            h.add("<ul class=\"events\">");
            for (RecordedEvent x : v.effects()) {
                h.add(
                        "<li>{} {} {} {}</li>",
                        Bits.position(x.position()),
                        Bits.type(x.eventType()),
                        Bits.stream(x.stream()),
                        Bits.time(x.timestamp()));
            }
            h.add("</ul>");
            if (v.moreEffects()) {
                h.add(
                        "<p class=\"r-muted\">… and more: see the <a href=\"{}\">trace</a>.</p>",
                        Url.of("/trace").param("id", s.position()));
            }
        }
        h.add("</section>");

        boolean same = v.parts() == 1 && JsonPatch.equal(EventJson.toNode(s, false), EventJson.toNode(e, false));
        h.add("<div class=\"two\">");
        h.add(
                "<section aria-labelledby=\"stored-h\"><h2 id=\"stored-h\">As stored</h2><div id=\"stored-json\">{}</div></section>",
                JsonHtml.block(EventJson.toNode(s, true), JsonHtml.WHOLE));
        h.add(
                "<section aria-labelledby=\"read-h\"><h2 id=\"read-h\">As read {}</h2>",
                same
                        ? Bits.muted("(the upcasters change nothing)")
                        : Bits.muted(
                                v.parts() > 1
                                        ? "(upcast; split into " + v.parts()
                                                + " events, this is the one that keeps the eventId)"
                                        : "(upcast)"));
        h.add("<div id=\"read-json\">{}</div></section>", JsonHtml.block(EventJson.toNode(e, false), JsonHtml.WHOLE));
        h.add("</div>");
        return Layout.page(console, "Event " + s.position(), "/events", -1, h);
    }

    private static Html.Safe cause(BrowseService.Cause c) {
        if (c == null) {
            return Bits.muted("- (no causationId)");
        }
        if (c.event() != null) {
            RecordedEvent x = c.event();
            return new Html()
                    .add("{} {} {}", Bits.position(x.position()), Bits.type(x.eventType()), Bits.stream(x.stream()))
                    .safe();
        }
        return new Html()
                .add(
                        "<code>{}</code> <span class=\"r-warning\">(no stored event has this id: a command, a"
                                + " request, or a missing event)</span>",
                        Html.clip(c.causationId(), Html.CELL))
                .safe();
    }
}
