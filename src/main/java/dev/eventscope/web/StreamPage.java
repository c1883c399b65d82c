package dev.eventscope.web;

import dev.eventscope.engine.BrowseService;
import dev.eventscope.engine.CutSpec;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.FoldService;
import dev.eventscope.engine.SnapshotUse;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.RecordedEvent;
import dev.eventscope.event.StreamId;
import dev.eventscope.replay.AggregateState;
import dev.eventscope.replay.Differ;

/**
 * One stream ({@code /stream?type=T&id=ID}): its events, a page at a time, each with the state after
 * it and the JSON Patch from the one before (as {@code evs state --trace-state}); the state at any
 * cut ({@code --at}, {@code --as-of}, {@code --version}, {@code --position}: the answer of {@code
 * evs state}); and the difference between two cuts ({@code evs diff}). Never writes a snapshot.
 * Live: drawn again when the head moves.
 */
final class StreamPage {

    static final int PAGE = 50;

    private StreamPage() {}

    static Response render(Console console, Request r, Engine engine) {
        String id = r.raw("id");
        if (id == null) {
            throw new UsageException(
                    "which stream? /stream needs id (and type when several share it)", "pick one on the Streams page");
        }
        String type = r.one("type");
        CutSpec cut = new CutSpec(r.one("at"), r.one("asOf"), r.number("version"), r.number("position"));
        boolean cutGiven = cut.at() != null || cut.asOf() != null || cut.version() != null || cut.position() != null;
        long from = r.number("from") == null ? 1 : r.number("from");
        int limit = r.number("limit", PAGE, 1, BrowseService.MAX_PAGE);
        BrowseService.History history =
                engine.browse().history(new BrowseService.HistoryOptions(id, type, cut, from, limit));
        StreamId stream = history.stream();
        Html h = new Html(32_768);
        h.add(
                "<p class=\"subtitle\"><span class=\"r-aggregate\">{}</span> · version {} · <a href=\"{}\">events</a> · <a href=\"{}\">audit"
                        + " timeline</a> · <a href=\"{}\">bisect</a> · <a href=\"{}\">what if</a></p>",
                stream.toString(),
                history.version(),
                Url.of("/events")
                        .param("aggregateType", stream.aggregateType())
                        .param("aggregateId", stream.aggregateId()),
                Url.of("/audit").param("type", stream.aggregateType()).param("id", stream.aggregateId()),
                Url.of("/bisect").param("type", stream.aggregateType()).param("id", stream.aggregateId()),
                Url.of("/whatif").param("type", stream.aggregateType()).param("id", stream.aggregateId()));

        timeControl(h, r, stream, history);

        if (!history.folded()) {
            h.add(
                    "<div data-live id=\"stream-state\"><p class=\"r-muted\">{}</p></div>",
                    engine.hasModel()
                            ? "The model has no reducers for " + stream.aggregateType() + ": events only, no states."
                            : "No model (eventscope.yaml): events only, no states.");
        } else if (foldEvents(cut, history) <= FOLD_WITH_PAGE) {
            state(h, engine, stream, cut, cutGiven);
        } else {
            // a long stream: its state is folded by a request of its own, which the script makes as soon as
            // the page is shown (a link without it), so that the events do not wait for the fold
            Url url = stateUrl(r, stream);
            h.add(
                    "<div data-live id=\"stream-state\" data-defer=\"{}\"><section aria-labelledby=\"state-h\" class=\"state\">"
                            + "<h2 id=\"state-h\">State {}</h2><p class=\"r-muted\" id=\"state-deferred\">{} events to fold,"
                            + " apart from this page: <a href=\"{}\">show the state {}</a></p></section></div>",
                    url,
                    cutGiven ? "at the cut" : "now",
                    foldEvents(cut, history),
                    url,
                    cutGiven ? "at the cut" : "now");
        }

        if (history.folded()) {
            diff(h, r, engine, stream);
        }

        h.add("<section aria-labelledby=\"hist-h\"><h2 id=\"hist-h\">Events{}</h2>", cutGiven ? " inside the cut" : "");
        h.add("<div data-live id=\"stream-history\">");
        if (history.steps().isEmpty()) {
            h.add("<p class=\"r-muted\">{}</p>", from > 1 ? "No more events." : "No events inside the cut.");
        } else {
            h.add(
                    "<div class=\"scroll\"><table class=\"list history\"><thead><tr><th scope=\"col\" class=\"num\">ver</th>"
                            + "<th scope=\"col\" class=\"num\">position</th><th scope=\"col\">timestamp</th><th scope=\"col\">type</th>"
                            + "<th scope=\"col\">{}</th></tr></thead><tbody>",
                    history.folded() ? "changes (JSON Patch from the state before)" : "payload");
            for (BrowseService.Step step : history.steps()) {
                RecordedEvent e = step.event();
                h.add(
                        "<tr id=\"v{}\"><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td><a href=\"{}\">{}</a></td><td>",
                        e.streamVersion(),
                        e.streamVersion(),
                        Bits.position(e.position()),
                        Bits.time(e.timestamp()),
                        Bits.eventUrl(e),
                        Bits.type(e.eventType()));
                if (history.folded()) {
                    h.add(
                            "{}<details><summary>state after v{}</summary>{}</details>",
                            Bits.patch(step.patch(), step.before()),
                            e.streamVersion(),
                            JsonHtml.block(step.state(), 2_000));
                } else {
                    h.add("{}", JsonHtml.inline(e.payload().node(), Html.CELL));
                }
                h.add("</td></tr>");
            }
            h.add("</tbody></table></div>");
        }
        h.add("<nav class=\"pager\" aria-label=\"Pages\">");
        if (from > 1) {
            h.add("<a href=\"{}\">First events</a>", pageUrl(r, stream, 1));
        }
        if (history.next() > 0) {
            h.add(
                    "<a rel=\"next\" href=\"{}\">Next events (from version {})</a>",
                    pageUrl(r, stream, history.next()),
                    history.next());
        }
        h.add("</nav></div></section>");
        return Layout.page(
                console, stream.toString(), "/streams", engine.overview().headPosition(), h);
    }

    /**
     * Streams whose state takes at most this many events to fold have it on their page; a longer
     * one has it folded by a request of its own ({@code /stream/state}), so that the first page of
     * its events reads only the events it shows.
     */
    static final long FOLD_WITH_PAGE = 1_000;

    /** At most how many events the state at the cut folds (without a snapshot). */
    private static long foldEvents(CutSpec cut, BrowseService.History history) {
        return cut.version() != null ? Math.min(cut.version(), history.version()) : history.version();
    }

    /**
     * The state of one stream at a cut ({@code /stream/state?type=T&id=ID} and the cut's parameters),
     * the answer of {@code evs state}; the stream page of a long stream fetches it.
     */
    static Response renderState(Console console, Request r, Engine engine) {
        String id = r.raw("id");
        if (id == null) {
            throw new UsageException(
                    "which stream? /stream/state needs id (and type when several share it)",
                    "pick one on the Streams page");
        }
        CutSpec cut = new CutSpec(r.one("at"), r.one("asOf"), r.number("version"), r.number("position"));
        boolean cutGiven = cut.at() != null || cut.asOf() != null || cut.version() != null || cut.position() != null;
        BrowseService.History history =
                engine.browse().history(new BrowseService.HistoryOptions(id, r.one("type"), cut, 1, 1));
        StreamId stream = history.stream();
        Html h = new Html(8_192);
        h.add(
                "<p class=\"subtitle\"><a class=\"r-aggregate\" href=\"{}\">{}</a> · version {}</p>",
                pageUrl(r, stream, 1),
                stream.toString(),
                history.version());
        if (history.folded()) {
            state(h, engine, stream, cut, cutGiven);
        } else {
            h.add(
                    "<div id=\"stream-state\"><p class=\"r-muted\">No reducers for {}: events only, no states.</p></div>",
                    stream.aggregateType());
        }
        return Layout.page(console, "State of " + stream, "/streams", -1, h);
    }

    /** The state at the cut, folded as {@code evs state} folds it (from a snapshot if there is one; never writing one). */
    private static void state(Html h, Engine engine, StreamId stream, CutSpec cut, boolean cutGiven) {
        h.add("<div data-live id=\"stream-state\">");
        AggregateState state = engine.folds()
                .state(new FoldService.StateOptions(
                        stream.aggregateId(), stream.aggregateType(), cut, false, false, SnapshotUse.READ_ONLY))
                .state();
        h.add(
                "<section aria-labelledby=\"state-h\" class=\"state\"><h2 id=\"state-h\">State {}</h2>",
                cutGiven ? "at the cut" : "now");
        h.add("<dl class=\"figures\">");
        Bits.row(h, "version", state.version());
        Bits.row(
                h,
                "position",
                state.position() > 0 ? Bits.position(state.position()) : Bits.muted("(none: the initial state)"));
        Bits.row(
                h,
                "cut",
                new Html()
                        .add("<code id=\"state-cut\">{}</code>", state.cut().asOptions())
                        .safe());
        Bits.row(
                h,
                "the same in a terminal",
                new Html()
                        .add(
                                "<code>evs state {} --aggregate-type {} {}</code>",
                                Shell.quote(stream.aggregateId()),
                                Shell.quote(stream.aggregateType()),
                                state.cut().asOptions())
                        .safe());
        h.add("</dl><div id=\"state-json\">{}</div>", JsonHtml.block(state.state(), JsonHtml.WHOLE));
        if (state.outOfOrder()) {
            h.add("<p class=\"r-warning\">warning: this stream has events whose timestamps are out of order with"
                    + " their versions; folded exactly those at or before the cut's time, in version order</p>");
        }
        h.add("</section></div>");
    }

    private static Url stateUrl(Request r, StreamId stream) {
        return Url.of("/stream/state")
                .param("type", stream.aggregateType())
                .param("id", stream.aggregateId())
                .param("at", r.one("at"))
                .param("asOf", r.one("asOf"))
                .param("version", r.one("version"))
                .param("position", r.one("position"));
    }

    private static void timeControl(Html h, Request r, StreamId stream, BrowseService.History history) {
        h.add("<section aria-labelledby=\"cut-h\"><h2 id=\"cut-h\">Time control</h2>");
        h.add(
                "<form class=\"filters cut\" method=\"get\" action=\"/stream\">"
                        + "<input type=\"hidden\" name=\"type\" value=\"{}\"><input type=\"hidden\" name=\"id\" value=\"{}\">"
                        + "<label>at <span class=\"r-muted\">(valid time)</span> <input name=\"at\" value=\"{}\" placeholder=\"2024-01-15T10:30:00Z, 2024-01-15 or 2h\"></label>"
                        + "<label>as of <span class=\"r-muted\">(record time)</span> <input name=\"asOf\" value=\"{}\" placeholder=\"ISO-8601, a date or 2h\"></label>"
                        + "<label>version <input name=\"version\" id=\"cut-version\" inputmode=\"numeric\" value=\"{}\" size=\"6\"></label>"
                        + "<label>position <input name=\"position\" inputmode=\"numeric\" value=\"{}\" size=\"8\"></label>"
                        + "<label class=\"slider\" hidden>step through versions <input type=\"range\" min=\"0\" max=\"{}\" value=\"{}\""
                        + " data-target=\"cut-version\"></label>"
                        + "<button type=\"submit\">Show the state at this cut</button> <a href=\"{}\">latest</a></form>",
                stream.aggregateType(),
                stream.aggregateId(),
                r.one("at"),
                r.one("asOf"),
                r.one("version"),
                r.one("position"),
                history.version(),
                r.one("version") == null ? history.version() : r.one("version"),
                Bits.streamUrl(stream.aggregateType(), stream.aggregateId()));
        h.add("</section>");
    }

    private static void diff(Html h, Request r, Engine engine, StreamId stream) {
        String from = r.one("diffFrom");
        String to = r.one("diffTo");
        h.add("<section aria-labelledby=\"diff-h\"><h2 id=\"diff-h\">Difference between two cuts</h2>");
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/stream\">"
                        + "<input type=\"hidden\" name=\"type\" value=\"{}\"><input type=\"hidden\" name=\"id\" value=\"{}\">"
                        + "<label>from <input name=\"diffFrom\" value=\"{}\" placeholder=\"version:1, at:2024-01-15, as-of:…\" required></label>"
                        + "<label>to <input name=\"diffTo\" value=\"{}\" placeholder=\"latest\"></label>"
                        + "<button type=\"submit\">Compare</button></form>"
                        + "<p class=\"r-muted\">A cut is <code>at:TIME</code>, <code>as-of:TIME</code>, <code>version:N</code>,"
                        + " <code>position:P</code> or <code>latest</code>, joined by commas, as <code>evs diff --from</code> takes it.</p>",
                stream.aggregateType(),
                stream.aggregateId(),
                from,
                to);
        if (from != null) {
            Differ.Result d = engine.folds()
                    .diff(new FoldService.DiffOptions(
                            stream.aggregateId(), stream.aggregateType(), from, to == null ? "latest" : to));
            h.add(
                    "<div class=\"diff\" id=\"diff-result\"><p>from <code>{}</code> (version {}) to <code>{}</code> (version {})</p>{}",
                    d.from().cut().asOptions(),
                    d.from().version(),
                    d.to().cut().asOptions(),
                    d.to().version(),
                    Bits.patch(d.patch(), d.from().state()));
            if (!d.added().isEmpty()) {
                h.add("<p>events in between:</p><ul class=\"events\">");
                for (RecordedEvent e : d.added()) {
                    h.add(
                            "<li>v{} {} {}</li>",
                            e.streamVersion(),
                            Bits.position(e.position()),
                            Bits.type(e.eventType()));
                }
                h.add("</ul>");
            }
            if (!d.removed().isEmpty()) {
                h.add("<p>events only in the earlier cut:</p><ul class=\"events\">");
                for (RecordedEvent e : d.removed()) {
                    h.add(
                            "<li>v{} {} {}</li>",
                            e.streamVersion(),
                            Bits.position(e.position()),
                            Bits.type(e.eventType()));
                }
                h.add("</ul>");
            }
            h.add(
                    "<div class=\"two\"><div><h3>from</h3>{}</div><div><h3>to</h3>{}</div></div></div>",
                    JsonHtml.block(d.from().state(), 2_000),
                    JsonHtml.block(d.to().state(), 2_000));
        }
        h.add("</section>");
    }

    private static Url pageUrl(Request r, StreamId stream, long from) {
        return Url.of("/stream")
                .param("type", stream.aggregateType())
                .param("id", stream.aggregateId())
                .param("at", r.one("at"))
                .param("asOf", r.one("asOf"))
                .param("version", r.one("version"))
                .param("position", r.one("position"))
                .param("from", from == 1 ? null : from);
    }
}
