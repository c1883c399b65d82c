package dev.eventscope.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventscope.engine.CutSpec;
import dev.eventscope.engine.Engine;
import dev.eventscope.engine.FoldService;
import dev.eventscope.error.NotFoundException;
import dev.eventscope.error.UsageException;
import dev.eventscope.event.Durations;
import dev.eventscope.saga.SagaListing;
import dev.eventscope.saga.SagaQueries;
import dev.eventscope.saga.SagaStep;
import dev.eventscope.saga.SagaView;
import dev.eventscope.saga.draw.SagaSvg;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sagas: the instances of the model's sagas ({@code /sagas}, the answer and the filters of {@code
 * evs saga list}: running, stuck or ended, at a cut, measured against a time) and one instance
 * ({@code /saga?saga=S&id=I}, the answer of {@code evs saga show}: its figures, the drawing of
 * {@code saga show -o svg}, embedded unchanged, and its steps with links to their events). Both are
 * worked out by the engine from the events; nothing is written.
 */
final class SagaPages {

    /** The most instances a list shows; the CLI's --limit beyond it. */
    static final int LIMIT = 500;

    private SagaPages() {}

    static Response list(Console console, Request r, Engine engine) {
        String saga = r.one("saga");
        String status = r.one("status");
        Html h = new Html(32_768);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/sagas\" role=\"search\">"
                        + "<label>saga <input name=\"saga\" value=\"{}\" autocomplete=\"off\"></label>"
                        + "<label>status <select name=\"status\"><option value=\"\">any</option>{}</select></label>"
                        + "{}<button type=\"submit\">List</button></form>",
                saga,
                statusOptions(status),
                timeFields(r));
        SagaListing listing;
        try {
            listing = engine.folds()
                    .sagas(new FoldService.SagaListOptions(
                            saga == null ? List.of() : List.of(saga),
                            cut(r),
                            r.one("now"),
                            r.one("stuckFor"),
                            status,
                            LIMIT + 1));
        } catch (NotFoundException e) {
            if (saga != null) {
                throw e;
            }
            // no model, or a model without sagas: the section is empty, not an error
            h.add("<p class=\"r-muted\" id=\"saga-none\">No sagas: {}.</p>", e.getMessage());
            e.hint().ifPresent(hint -> h.add("<p class=\"hint\">hint: {}</p>", hint));
            return Layout.page(console, "Sagas", "/sagas", -1, h);
        }
        warnings(h, listing.warnings());
        h.add(
                "<section aria-labelledby=\"counts-h\"><h2 id=\"counts-h\">Instances by status</h2>"
                        + "<p class=\"r-muted\" id=\"saga-cut\">at <code>{}</code>, now {}; {} events of the sagas read</p>"
                        + "<div class=\"scroll\"><table class=\"list\" id=\"saga-counts\"><thead><tr><th scope=\"col\">saga</th>"
                        + "<th scope=\"col\" class=\"num\">running</th><th scope=\"col\" class=\"num\">stuck</th>"
                        + "<th scope=\"col\" class=\"num\">ended</th></tr></thead><tbody>",
                listing.cut().asOptions().strip(),
                Bits.time(listing.now()),
                Bits.count(listing.events()));
        for (SagaListing.Counts c : listing.counts()) {
            h.add(
                    "<tr><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                            + "<td class=\"num\">{}</td></tr>",
                    listUrl(r, c.saga(), null),
                    c.saga(),
                    countLink(r, c.saga(), "running", c.running(), "r-added"),
                    countLink(r, c.saga(), "stuck", c.stuck(), "r-error"),
                    countLink(r, c.saga(), "ended", c.ended(), "r-muted"));
        }
        h.add("</tbody></table></div></section>");

        List<SagaView> shown = listing.instances()
                .subList(0, Math.min(LIMIT, listing.instances().size()));
        h.add("<section aria-labelledby=\"instances-h\"><h2 id=\"instances-h\">Instances</h2>");
        if (shown.isEmpty()) {
            h.add(
                    "<p class=\"r-muted\">No instances{}.</p>",
                    status != null || saga != null ? " match" : " inside the cut");
        } else {
            h.add("<div class=\"scroll\"><table class=\"list\" id=\"saga-instances\"><thead><tr>"
                    + "<th scope=\"col\">saga</th><th scope=\"col\">instance</th><th scope=\"col\">status</th>"
                    + "<th scope=\"col\">step</th><th scope=\"col\" class=\"num\">age</th><th scope=\"col\">last event</th>"
                    + "<th scope=\"col\" class=\"num\">idle</th><th scope=\"col\">deadlines</th><th scope=\"col\">why</th>"
                    + "</tr></thead><tbody>");
            Instant now = listing.now();
            for (SagaView v : shown) {
                h.add(
                        "<tr><td>{}</td><td><a class=\"r-aggregate\" href=\"{}\">{}</a></td><td>{}</td><td>{}</td>"
                                + "<td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td>"
                                + "<td class=\"error-text\">{}</td></tr>",
                        Html.clip(v.saga(), 60),
                        instanceUrl(r, v.saga(), v.instanceId()),
                        Html.clip(v.instanceId(), Html.CELL),
                        status(v.status()),
                        Html.clip(v.step(), 60),
                        v.startedAt() == null ? "" : Durations.human(Duration.between(v.startedAt(), now)),
                        last(v.last()),
                        v.status() == SagaView.Status.ENDED ? "" : Durations.human(v.idleFor(now)),
                        deadlines(v.deadlines()),
                        Html.clip(v.stuckReason(), Html.CELL));
            }
            h.add("</tbody></table></div>");
            if (listing.instances().size() > LIMIT) {
                h.add("<p class=\"r-muted\">The first {} shown; narrow the filter.</p>", LIMIT);
            }
        }
        h.add("</section>");
        List<String> words = new ArrayList<>(List.of("evs", "saga", "list"));
        if (saga != null) {
            words.add(saga);
        }
        option(words, "--status", status);
        timeOptions(words, r);
        terminal(h, words);
        return Layout.page(console, "Sagas", "/sagas", -1, h);
    }

    static Response instance(Console console, Request r, Engine engine) {
        String saga = r.one("saga");
        String id = r.raw("id");
        if (saga == null || id == null) {
            throw new UsageException(
                    "which saga instance? give the saga and the instance id", "pick one on the Sagas page");
        }
        SagaQueries.Shown shown =
                engine.folds().saga(new FoldService.SagaShowOptions(saga, id, cut(r), r.one("now"), r.one("stuckFor")));
        SagaView v = shown.instance();
        Instant now = shown.now();
        String cut = shown.cut().asOptions().strip();
        Html h = new Html(65_536);
        h.add(
                "<form class=\"filters\" method=\"get\" action=\"/saga\"><input type=\"hidden\" name=\"saga\" value=\"{}\">"
                        + "<input type=\"hidden\" name=\"id\" value=\"{}\">{}<button type=\"submit\">Show</button></form>",
                saga,
                id,
                timeFields(r));
        warnings(h, shown.warnings());
        h.add("<dl class=\"figures wide\" id=\"saga-figures\">");
        Bits.row(
                h,
                "saga",
                new Html()
                        .add("<a href=\"{}\">{}</a>", listUrl(r, v.saga(), null), v.saga())
                        .safe());
        Bits.row(h, "status", status(v.status()));
        Bits.row(h, "step", v.step());
        Bits.row(
                h,
                "started",
                v.startedAt() == null
                        ? Bits.muted("never (its start event failed)")
                        : new Html()
                                .add(
                                        "{} ({} ago), {} event{} taken",
                                        Bits.time(v.startedAt()),
                                        Durations.human(Duration.between(v.startedAt(), now)),
                                        v.events(),
                                        v.events() == 1 ? "" : "s")
                                .safe());
        if (v.endedAt() != null) {
            Bits.row(h, "ended", Bits.time(v.endedAt()));
        } else if (v.idleSince() != null) {
            Bits.row(
                    h,
                    "waiting since",
                    new Html()
                            .add("{} ({})", Bits.time(v.idleSince()), Durations.human(v.idleFor(now)))
                            .safe());
        }
        if (!v.deadlines().isEmpty()) {
            Bits.row(h, "deadlines", deadlines(v.deadlines()));
        }
        if (v.stuckReason() != null) {
            Bits.row(
                    h,
                    "why stuck",
                    new Html()
                            .add("<span class=\"r-error\">{}</span>", v.stuckReason())
                            .safe());
        }
        Bits.row(
                h,
                "cut",
                new Html().add("<code>{}</code>, now {}", cut, Bits.time(now)).safe());
        h.add("</dl>");

        h.add("<section aria-labelledby=\"drawing-h\"><h2 id=\"drawing-h\">Timeline</h2>"
                + "<div class=\"scroll saga-view\" id=\"saga-view\" tabindex=\"0\" role=\"group\""
                + " aria-label=\"The instance's timeline as a drawing\">");
        // the drawing of 'evs saga show -o svg', escaped by its writer (event.Xml)
        h.text(new Html.Safe(SagaSvg.element(v, cut, now)));
        h.add("</div></section>");

        h.add(
                "<section aria-labelledby=\"steps-h\"><h2 id=\"steps-h\">Steps</h2>"
                        + "<div class=\"scroll\"><table class=\"list\" id=\"saga-steps\"><thead><tr><th scope=\"col\">time</th>"
                        + "<th scope=\"col\">step</th><th scope=\"col\">event</th><th scope=\"col\">stream</th>"
                        + "<th scope=\"col\">state</th><th scope=\"col\">emitted</th><th scope=\"col\">deadlines</th></tr></thead><tbody>");
        JsonNode before = null;
        for (SagaStep s : v.timeline()) {
            h.add(
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"state\">{}</td>"
                            + "<td class=\"emitted\">{}</td><td>{}</td></tr>",
                    Bits.time(s.time()),
                    stepKind(s),
                    stepEvent(s),
                    s.stream() == null ? "" : Bits.stream(s.stream()),
                    s.kind() == SagaStep.Kind.EVENT && s.state() != null
                            ? (before == null
                                    ? JsonHtml.inline(s.state(), 400)
                                    : Bits.patch(dev.eventscope.event.JsonPatch.diff(before, s.state()), before))
                            : s.error() == null
                                    ? ""
                                    : new Html()
                                            .add("<span class=\"error-text\">{}</span>", Html.clip(s.error(), 500))
                                            .safe(),
                    emitted(s),
                    deadlineChanges(s));
            if (s.kind() == SagaStep.Kind.EVENT && s.state() != null) {
                before = s.state();
            }
        }
        h.add("</tbody></table></div>");
        h.add(
                "<p class=\"r-muted\">(+) and “not in the log”: what <code>evs process {}</code> would append; it has not"
                        + " run since.</p></section>",
                v.saga());
        if (v.state() != null) {
            h.add(
                    "<section aria-labelledby=\"state-h\"><h2 id=\"state-h\">State</h2><div id=\"saga-state\">{}</div></section>",
                    JsonHtml.block(v.state(), 4_000));
        }
        List<String> words = new ArrayList<>(List.of("evs", "saga", "show", v.saga(), v.instanceId()));
        timeOptions(words, r);
        terminal(h, words);
        return Layout.page(console, "Saga " + v.saga() + " " + v.instanceId(), "/sagas", -1, h);
    }

    // ------------------------------------------------------------------ pieces

    private static CutSpec cut(Request r) {
        return new CutSpec(r.one("at"), r.one("asOf"), null, r.number("position"));
    }

    private static Html.Safe timeFields(Request r) {
        return new Html()
                .add(
                        "<label>at <input name=\"at\" value=\"{}\" placeholder=\"valid time\"></label>"
                                + "<label>as of <input name=\"asOf\" value=\"{}\" placeholder=\"record time\"></label>"
                                + "<label>now <input name=\"now\" value=\"{}\" placeholder=\"the cut's time\"></label>"
                                + "<label>stuck for <input name=\"stuckFor\" value=\"{}\" size=\"6\" placeholder=\"1h\"></label>",
                        r.one("at"),
                        r.one("asOf"),
                        r.one("now"),
                        r.one("stuckFor"))
                .safe();
    }

    private static void timeOptions(List<String> words, Request r) {
        option(words, "--at", r.one("at"));
        option(words, "--as-of", r.one("asOf"));
        option(words, "--position", r.one("position"));
        option(words, "--now", r.one("now"));
        option(words, "--stuck-for", r.one("stuckFor"));
    }

    private static void option(List<String> words, String name, String value) {
        if (value != null) {
            words.add(name);
            words.add(value);
        }
    }

    private static void terminal(Html h, List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add(Shell.quote(w));
        }
        h.add(
                "<p class=\"r-muted\" id=\"saga-command\">The same in a terminal: <code>{}</code></p>",
                String.join(" ", quoted));
    }

    /** This page's time fields carried into a link to another saga page. */
    private static Url carry(Url u, Request r) {
        return u.param("at", r.one("at"))
                .param("asOf", r.one("asOf"))
                .param("position", r.one("position"))
                .param("now", r.one("now"))
                .param("stuckFor", r.one("stuckFor"));
    }

    private static String listUrl(Request r, String saga, String status) {
        return carry(Url.of("/sagas").param("saga", saga).param("status", status), r)
                .toString();
    }

    private static String instanceUrl(Request r, String saga, String id) {
        return carry(Url.of("/saga").param("saga", saga).param("id", id), r).toString();
    }

    private static Html.Safe countLink(Request r, String saga, String status, long n, String cls) {
        if (n == 0) {
            return new Html().add("<span class=\"r-muted\">0</span>").safe();
        }
        return new Html()
                .add("<a class=\"{}\" href=\"{}\">{}</a>", cls, listUrl(r, saga, status), Bits.count(n))
                .safe();
    }

    private static Html.Safe status(SagaView.Status s) {
        String cls = s == SagaView.Status.STUCK ? "r-error" : s == SagaView.Status.RUNNING ? "r-added" : "r-muted";
        return new Html()
                .add("<span class=\"saga-status {}\">{}</span>", cls, s.label())
                .safe();
    }

    private static Html.Safe statusOptions(String chosen) {
        Html h = new Html();
        for (SagaView.Status s : SagaView.Status.values()) {
            h.add("<option{}>{}</option>", s.label().equals(chosen) ? new Html.Safe(" selected") : null, s.label());
        }
        return h.safe();
    }

    private static Html.Safe last(SagaView.Event e) {
        if (e == null) {
            return Bits.muted("-");
        }
        return new Html()
                .add(
                        "{} {} {}",
                        e.inLog() ? Bits.position(e.position()) : new Html.Safe("(+)"),
                        Bits.type(e.eventType()),
                        Bits.time(e.timestamp()))
                .safe();
    }

    private static Html.Safe deadlines(List<SagaView.Deadline> list) {
        Html h = new Html();
        for (int i = 0; i < list.size(); i++) {
            SagaView.Deadline d = list.get(i);
            h.add(
                    "{}<span class=\"{}\">{} {}</span> {}",
                    i == 0 ? "" : ", ",
                    "pending".equals(d.status()) ? "r-warning" : "r-muted",
                    Html.clip(d.name(), 60),
                    d.status(),
                    Bits.time(d.due()));
        }
        return h.safe();
    }

    private static Html.Safe stepKind(SagaStep s) {
        String cls;
        switch (s.kind()) {
            case FAILED:
                cls = "r-error";
                break;
            case PARKED:
            case DEADLINE:
                cls = "r-warning";
                break;
            default:
                cls = s.ended() ? "r-muted" : "r-added";
        }
        String label = s.kind() == SagaStep.Kind.DEADLINE
                ? "deadline " + s.deadline() + " passed"
                : s.kind() == SagaStep.Kind.FAILED && s.deadline() != null
                        ? "deadline " + s.deadline() + " failed"
                        : s.kind().label() + (s.ended() ? ", ended" : "");
        return new Html()
                .add("<span class=\"{}\">{}</span>", cls, Html.clip(label, 80))
                .safe();
    }

    private static Html.Safe stepEvent(SagaStep s) {
        if (s.kind() == SagaStep.Kind.DEADLINE || (s.kind() == SagaStep.Kind.FAILED && s.deadline() != null)) {
            return new Html()
                    .add("set by {} {}", Bits.position(s.position()), Bits.type(s.eventType()))
                    .safe();
        }
        return new Html()
                .add("{} {}", s.inLog() ? Bits.position(s.position()) : new Html.Safe("(+)"), Bits.type(s.eventType()))
                .safe();
    }

    private static Html.Safe emitted(SagaStep s) {
        if (s.emitted().isEmpty()) {
            return new Html.Safe("");
        }
        Html h = new Html().add("<ul class=\"events\">");
        for (SagaStep.Emitted e : s.emitted()) {
            h.add(
                    "<li>{} {} {}</li>",
                    Bits.type(e.eventType()),
                    Bits.stream(e.stream()),
                    e.position() > 0 ? Bits.position(e.position()) : Bits.muted("(not in the log)"));
        }
        return h.add("</ul>").safe();
    }

    private static Html.Safe deadlineChanges(SagaStep s) {
        Html h = new Html();
        for (SagaStep.DeadlineChange c : s.deadlines()) {
            if (c.change() == SagaStep.Change.FIRED || c.change() == SagaStep.Change.FAILED) {
                continue;
            }
            h.add(
                    "<div>{} {}, due {}</div>",
                    Html.clip(c.name(), 60),
                    c.change().label(),
                    Bits.time(c.due()));
        }
        return h.safe();
    }

    private static void warnings(Html h, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        h.add("<ul class=\"warnings\">");
        for (String w : warnings) {
            h.add("<li class=\"r-warning\">warning: {}</li>", Html.clip(w, 500));
        }
        h.add("</ul>");
    }
}
