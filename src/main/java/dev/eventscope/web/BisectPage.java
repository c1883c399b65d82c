package dev.eventscope.web;

import dev.eventscope.engine.CutSpec;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.FoldService;
import dev.eventscope.replay.Bisector;
import java.util.ArrayList;
import java.util.List;

/**
 * Bisect ({@code /bisect}): the first event after which a JSLT condition on the state holds, for one
 * aggregate or every aggregate of a type, with the same answers as {@code evs bisect}.
 */
final class BisectPage {

    /** The most aggregates an all-of-a-type answer lists. */
    static final int MAX_ROWS = 1_000;

    private BisectPage() {}

    static Response render(Console console, Request r, Engine engine) {
        String id = r.raw("id");
        String type = r.one("type");
        String when = r.one("when");
        boolean all = r.flag("all");
        CutSpec cut = new CutSpec(r.one("at"), r.one("asOf"), r.number("version"), r.number("position"));
        Html h = new Html(16_384);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/bisect\">"
                        + "<label>aggregate id <input name=\"id\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label>aggregate type <input name=\"type\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label class=\"check\"><input type=\"checkbox\" name=\"all\"{}> every aggregate of the type</label>"
                        + "<label class=\"wide\">when (JSLT on <code>$state</code>, the event as <code>.</code>) <input name=\"when\""
                        + " value=\"{}\" placeholder=\"$state.status == &quot;SHIPPED&quot;\" required autocomplete=\"off\"></label>"
                        + "<label>at <input name=\"at\" value=\"{}\"></label><label>as of <input name=\"asOf\" value=\"{}\"></label>"
                        + "<button type=\"submit\">Bisect</button></form>",
                id,
                type,
                all ? new Html.Safe(" checked") : null,
                when,
                r.one("at"),
                r.one("asOf"));
        if (when != null && (id != null || all)) {
            if (all) {
                List<Bisector.Result> results = new ArrayList<>();
                long n = engine.folds().bisectAll(new FoldService.BisectOptions(null, type, when, cut), x -> {
                    if (results.size() < MAX_ROWS) {
                        results.add(x);
                    }
                });
                h.add(
                        "<p>{} aggregates inside the cut{}.</p>",
                        n,
                        n > MAX_ROWS ? " (the first " + MAX_ROWS + " shown)" : "");
                h.add(
                        "<div class=\"scroll\"><table class=\"list\" id=\"bisect-all\"><thead><tr><th scope=\"col\">stream</th>"
                                + "<th scope=\"col\">found</th><th scope=\"col\" class=\"num\">version</th><th scope=\"col\""
                                + " class=\"num\">position</th><th scope=\"col\">type</th><th scope=\"col\">timestamp</th></tr></thead><tbody>");
                for (Bisector.Result x : results) {
                    h.add(
                            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                            Bits.stream(x.stream()),
                            found(x),
                            x.event() == null ? "" : x.event().streamVersion(),
                            x.event() == null ? "" : Bits.position(x.event().position()),
                            x.event() == null ? "" : Bits.type(x.event().eventType()),
                            x.event() == null ? "" : Bits.time(x.event().timestamp()));
                }
                h.add("</tbody></table></div>");
            } else {
                Bisector.Result x = engine.folds().bisect(new FoldService.BisectOptions(id, type, when, cut));
                h.add(
                        "<section id=\"bisect-result\" aria-labelledby=\"res-h\"><h2 id=\"res-h\">{}</h2><dl class=\"figures\">",
                        found(x));
                Bits.row(h, "stream", Bits.stream(x.stream()));
                Bits.row(
                        h,
                        "cut",
                        new Html().add("<code>{}</code>", x.cut().asOptions()).safe());
                Bits.row(h, "events examined", x.examined());
                if (x.event() != null) {
                    Bits.row(
                            h,
                            "first event after which it holds",
                            new Html()
                                    .add(
                                            "v{} {} {} {}",
                                            x.event().streamVersion(),
                                            Bits.position(x.event().position()),
                                            Bits.type(x.event().eventType()),
                                            Bits.time(x.event().timestamp()))
                                    .safe());
                }
                Bits.row(
                        h,
                        "the same in a terminal",
                        new Html()
                                .add(
                                        "<code>evs bisect {} --aggregate-type {} --when {}</code>",
                                        Shell.quote(x.stream().aggregateId()),
                                        Shell.quote(x.stream().aggregateType()),
                                        Shell.quote(when))
                                .safe());
                h.add("</dl>");
                if (x.event() != null) {
                    h.add(
                            "<h3>Change made by that event</h3>{}",
                            Bits.patch(
                                    dev.eventscope.event.JsonPatch.diff(
                                            x.before().state(), x.after().state()),
                                    x.before().state()));
                }
                h.add(
                        "<div class=\"two\"><div><h3>state before</h3>{}</div><div><h3>state after</h3>{}</div></div></section>",
                        JsonHtml.block(x.before().state(), 2_000),
                        JsonHtml.block(x.after().state(), 2_000));
            }
        } else {
            h.add(
                    "<p class=\"r-muted\">Give an aggregate id (or every aggregate of a type) and a condition: the answer is"
                            + " the first event after which it holds, as <code>evs bisect</code> finds it.</p>");
        }
        return Layout.page(console, "Bisect", "/bisect", -1, h);
    }

    private static Html.Safe found(Bisector.Result x) {
        if (!x.found()) {
            return new Html()
                    .add("<span class=\"r-muted\">never holds inside the cut</span>")
                    .safe();
        }
        if (x.fromStart()) {
            return new Html()
                    .add("<span class=\"r-warning\">holds from the start (the initial state)</span>")
                    .safe();
        }
        return new Html().add("<span class=\"r-added\">found</span>").safe();
    }
}
