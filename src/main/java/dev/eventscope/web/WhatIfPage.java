package dev.eventscope.web;

import dev.eventscope.engine.BrowseService;
import dev.eventscope.engine.CutSpec;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.FoldService;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.EventJson;
import dev.eventscope.event.Json;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.replay.Edit;
import dev.eventscope.replay.WhatIf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What if ({@code /whatif}): one aggregate's state under an edited history next to the real one,
 * and the JSON Patch between them, as {@code evs whatif} answers it: events dropped, one replaced by
 * an event given as JSON, events inserted after another. The store is never changed.
 */
final class WhatIfPage {

    /** The most events of the stream the form offers to edit. */
    static final int EVENTS = 500;

    private WhatIfPage() {}

    static Response render(Console console, Request r, Engine engine) {
        String id = r.raw("id");
        String type = r.one("type");
        Html h = new Html(16_384);
        if (id == null) {
            h.add("<form class=\"filters\" method=\"get\" action=\"/whatif\">"
                    + "<label>aggregate id <input name=\"id\" required autocomplete=\"off\"></label>"
                    + "<label>aggregate type <input name=\"type\" autocomplete=\"off\"></label>"
                    + "<button type=\"submit\">Choose</button></form>"
                    + "<p class=\"r-muted\">Pick an aggregate, then the events to drop, replace or insert after.</p>");
            return Layout.page(console, "What if", "/whatif", -1, h);
        }
        CutSpec cut = new CutSpec(r.one("at"), r.one("asOf"), r.number("version"), r.number("position"));
        BrowseService.History history =
                engine.browse().history(new BrowseService.HistoryOptions(id, type, cut, 1, EVENTS));
        List<Edit> edits = edits(r);
        Set<String> dropped = new HashSet<>(r.all("drop"));
        h.add("<p class=\"subtitle\">{}</p>", Bits.stream(history.stream()));
        h.add(
                "<form method=\"get\" action=\"/whatif\" class=\"whatif\"><input type=\"hidden\" name=\"id\" value=\"{}\">"
                        + "<input type=\"hidden\" name=\"type\" value=\"{}\">",
                history.stream().aggregateId(),
                history.stream().aggregateType());
        h.add("<fieldset><legend>Drop events</legend><div class=\"scroll short\"><ul class=\"checks\">");
        for (BrowseService.Step s : history.steps()) {
            RecordedEvent e = s.event();
            h.add(
                    "<li><label><input type=\"checkbox\" name=\"drop\" value=\"{}\"{}> v{} {} {}</label></li>",
                    e.eventId(),
                    dropped.contains(e.eventId().toString()) ? new Html.Safe(" checked") : null,
                    e.streamVersion(),
                    Bits.type(e.eventType()),
                    Bits.time(e.timestamp()));
        }
        h.add("</ul></div>{}</fieldset>", history.next() > 0 ? Bits.muted("(the first " + EVENTS + " events)") : null);
        h.add(
                "<fieldset><legend>Replace an event</legend><label>event {}</label>"
                        + "<label class=\"wide\">by (JSON, the event shape; the stream may be left out)<textarea name=\"with\" rows=\"4\">{}</textarea></label></fieldset>",
                select("replace", r.one("replace"), history),
                r.raw("with"));
        h.add(
                "<fieldset><legend>Insert events</legend><label>after {}</label>"
                        + "<label class=\"wide\">events (JSON: one event or an array)<textarea name=\"insert\" rows=\"4\">{}</textarea></label></fieldset>",
                select("after", r.one("after"), history),
                r.raw("insert"));
        h.add("<button type=\"submit\">Compare with the real history</button></form>");
        if (!edits.isEmpty()) {
            WhatIf.Result w = engine.folds()
                    .whatIf(new FoldService.WhatIfOptions(
                            history.stream().aggregateId(), history.stream().aggregateType(), cut, edits));
            h.add(
                    "<section id=\"whatif-result\" aria-labelledby=\"res-h\"><h2 id=\"res-h\">Real and hypothetical at <code>{}</code></h2>",
                    w.real().cut().asOptions());
            h.add(
                    "<p>edits <code>{}</code></p><h3>Difference (from the real state)</h3>{}",
                    Html.clip(Json.write(w.edits()), 2_000),
                    Bits.patch(w.patch(), w.real().state()));
            h.add(
                    "<div class=\"two\"><div><h3>real, version {}</h3>{}</div><div><h3>hypothetical, version {}</h3>{}</div></div></section>",
                    w.real().version(),
                    JsonHtml.block(w.real().state(), 2_000),
                    w.hypothetical().version(),
                    JsonHtml.block(w.hypothetical().state(), 2_000));
        }
        return Layout.page(console, "What if", "/whatif", -1, h);
    }

    private static Html.Safe select(String name, String chosen, BrowseService.History history) {
        Html h = new Html().add("<select name=\"{}\"><option value=\"\">(none)</option>", name);
        for (BrowseService.Step s : history.steps()) {
            RecordedEvent e = s.event();
            h.add(
                    "<option value=\"{}\"{}>v{} {}</option>",
                    e.eventId(),
                    e.eventId().toString().equals(chosen) ? new Html.Safe(" selected") : null,
                    e.streamVersion(),
                    Html.clip(e.eventType(), 60));
        }
        return h.add("</select>").safe();
    }

    /** The edits the form asks for, in the order {@code evs whatif} applies its options. */
    static List<Edit> edits(Request r) {
        List<Edit> edits = new ArrayList<>();
        for (String d : r.all("drop")) {
            edits.add(new Edit.Drop(eventId("drop", d)));
        }
        String after = r.one("after");
        String insert = r.raw("insert");
        if ((after == null) != (insert == null || insert.isBlank())) {
            throw new UsageException(
                    "inserting needs both the event to insert after and the events", "fill in both, or neither");
        }
        if (after != null) {
            edits.add(new Edit.Insert(eventId("after", after), Path.of("insert"), insert));
        }
        String replace = r.one("replace");
        String with = r.raw("with");
        if ((replace == null) != (with == null || with.isBlank())) {
            throw new UsageException(
                    "replacing needs both the event to replace and the event to put in its place",
                    "fill in both, or neither");
        }
        if (replace != null) {
            edits.add(new Edit.Replace(eventId("replace", replace), Path.of("replacement"), with));
        }
        return edits;
    }

    private static UUID eventId(String field, String text) {
        try {
            return EventJson.parseEventId(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(field + ": " + e.getMessage(), "events are named by their eventId");
        }
    }
}
